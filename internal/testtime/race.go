//go:build race

package testtime

// raceFactor is 8 under -race: the race detector's documented cost is
// 2–20× the execution time (https://go.dev/doc/articles/race_detector,
// "Runtime Overhead"), and 5–10× is what this project's tests take.
const raceFactor = 8
