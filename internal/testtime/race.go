//go:build race

package testtime

// raceFactor is 8 under -race: the race detector's documented cost is
// 2–20× the execution time (https://go.dev/doc/articles/race_detector,
// "Runtime Overhead"), 5–10× the usual.
const raceFactor = 8
