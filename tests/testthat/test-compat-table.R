# The compatibility table of the vignette nmf-compat.Rmd
# (inst/compat/nmf-exports.csv) stays true.

compat_table <- function() {
  utils::read.csv(system.file("compat", "nmf-exports.csv", package = "nmfkit"), stringsAsFactors = FALSE)
}

test_that("the table has one row per function, a known status and a reason on every line", {
  tab <- compat_table()
  expect_false(anyDuplicated(tab$name) > 0)
  expect_true(all(tab$status %in% c("same", "differs", "no")))
  expect_true(all(nchar(tab$note) > 10))
  expect_true(all(nzchar(tab$group)))
})

test_that("what the table says nmfkit has, nmfkit exports, and nothing it says is missing", {
  tab <- compat_table()
  r_generics <- c("coef", "coefficients", "fitted", "residuals", "deviance", "summary", "plot", "predict", "show")
  have <- tab$name %in% getNamespaceExports("nmfkit") | tab$name %in% r_generics
  expect_identical(tab$name[tab$status != "no" & !have], character())
  expect_identical(tab$name[tab$status == "no" & have], character())
})

test_that("the table lists exactly the NMF package's exports", {
  skip_if_not_installed("NMF")
  nmf_exports <- grep("^\\.__", getNamespaceExports("NMF"), value = TRUE, invert = TRUE)
  tab <- compat_table()
  expect_identical(setdiff(nmf_exports, tab$name), character())
  expect_identical(setdiff(tab$name, nmf_exports), character())
})
