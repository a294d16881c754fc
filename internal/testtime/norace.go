//go:build !race

package testtime

// raceFactor is 1 in a build without the race detector.
const raceFactor = 1
