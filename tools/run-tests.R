# Runs the testthat suite against the installed nmfkit and ends with the line
#   testthat: N passed, N failed[, N skipped]
# (expectations). Exits non-zero when anything failed or errored.
args <- commandArgs(TRUE)
path <- if (length(args)) args[1] else "tests/testthat"
library(testthat)
library(nmfkit)
res <- testthat::test_dir(path, package = "nmfkit", load_package = "installed",
                          reporter = testthat::ProgressReporter$new(show_praise = FALSE),
                          stop_on_failure = FALSE, stop_on_warning = FALSE)
df <- as.data.frame(res)
failed <- sum(df$failed) + sum(df$error)
passed <- sum(df$passed)
skipped <- sum(df$skipped)
cat(sprintf("testthat: %d passed, %d failed%s\n", passed, failed,
            if (skipped > 0) sprintf(", %d skipped", skipped) else ""))
quit(status = if (failed > 0) 1L else 0L)
