// Prints one plain closing line, "N passed, N failed", that tools reading test output understand.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numTotalTests - results.numPassedTests - results.numFailedTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    process.stdout.write(`\n${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`);
  }
}

module.exports = SummaryReporter;
