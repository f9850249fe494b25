package bench

// Process measurements (Linux /proc; zero elsewhere).

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// resetPeakRSS resets this process's peak RSS (VmHWM).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func peakRSS() int64 {
	_, peak := ProcRSS(os.Getpid())
	return peak
}

// ProcRSS returns a process's resident set size and its peak (VmRSS,
// VmHWM), in bytes; zeros where /proc is missing.
func ProcRSS(pid int) (rss, peak int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb << 10
		case "VmHWM:":
			peak = kb << 10
		}
	}
	return rss, peak
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return nil
	})
	return n
}
