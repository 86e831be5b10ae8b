/**
 * A jest reporter that ends the run with one plain line, `jest: N passed, N failed, N skipped`,
 * so any CI log reader can tell how many tests ran.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}
