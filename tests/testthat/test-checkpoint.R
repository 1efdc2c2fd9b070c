run_files <- function(dir) sort(list.files(dir, pattern = "^rank[0-9]+-run[0-9]+\\.rds$"))

test_that("a checkpoint keeps every finished run and a resumed survey reuses them", {
  x <- three_groups()
  dir <- withr::local_tempdir()
  ref <- nmf(x, 2:3, nrun = 3, seed = 5)
  a <- nmf(x, 2:3, nrun = 3, seed = 5, checkpoint = dir)
  expect_identical(run_files(dir), sprintf("rank%d-run%d.rds", rep(2:3, each = 3), rep(1:3, 2)))
  expect_true(file.exists(file.path(dir, "nmfkit-checkpoint.rds")))
  expect_identical(a$measures[names(a$measures) != "time" & !startsWith(names(a$measures), "cpu")],
                   ref$measures[names(ref$measures) != "time" & !startsWith(names(ref$measures), "cpu")])

  # a killed job: two runs missing; the others are read, not recomputed
  unlink(file.path(dir, c("rank2-run3.rds", "rank3-run1.rds")))
  kept <- file.path(dir, setdiff(run_files(dir), c("rank2-run3.rds", "rank3-run1.rds")))
  # mark one kept run so that reading it (not recomputing it) shows
  marked <- readRDS(file.path(dir, "rank2-run1.rds"))
  marked$fit$seed <- "read from the checkpoint"
  saveRDS(marked, file.path(dir, "rank2-run1.rds"))
  stamp <- file.mtime(kept)
  Sys.sleep(1.1)
  b <- nmf(x, 2:3, nrun = 3, seed = 5, checkpoint = dir, keep_all = TRUE)
  expect_length(run_files(dir), 6)
  expect_identical(file.mtime(kept), stamp)
  expect_identical(b$fit[["2"]]$fits[[1]]$seed, "read from the checkpoint")
  expect_identical(b$fit[["3"]]$runs$deviance, ref$fit[["3"]]$runs$deviance)
  expect_identical(b$fit[["3"]]$bases, ref$fit[["3"]]$bases)
  expect_identical(consensus(b), consensus(ref))
  msgs <- capture_messages(nmf(x, 2:3, nrun = 3, seed = 5, checkpoint = dir, verbose = TRUE))
  expect_match(msgs, "6 of 6 runs read from checkpoint", all = FALSE)
})

test_that("a checkpoint serves several runs of one rank, and more runs later", {
  x <- low_rank()
  dir <- withr::local_tempdir()
  a <- nmf(x, 2, nrun = 2, seed = 1, checkpoint = dir)
  expect_s3_class(a, "nmfkit_fitset")
  expect_length(run_files(dir), 2)
  b <- nmf(x, 2, nrun = 4, seed = 1, checkpoint = dir)
  expect_length(run_files(dir), 4)
  expect_identical(b$runs$deviance, nmf(x, 2, nrun = 4, seed = 1)$runs$deviance)
})

test_that("an unseeded job resumes with the streams saved in the checkpoint", {
  x <- low_rank()
  dir <- withr::local_tempdir()
  a <- nmf(x, 2, nrun = 2, checkpoint = dir)
  unlink(file.path(dir, "rank2-run2.rds"))
  b <- nmf(x, 2, nrun = 2, checkpoint = dir)
  expect_identical(b$runs$deviance, a$runs$deviance)
})

test_that("a checkpoint of another problem or seed is refused", {
  x <- low_rank()
  dir <- withr::local_tempdir()
  nmf(x, 2, nrun = 2, seed = 1, checkpoint = dir)
  expect_error(nmf(x, 2, "lee", nrun = 2, seed = 1, checkpoint = dir),
               "holds runs of another problem \\(different method")
  expect_error(nmf(x * 2, 2, nrun = 2, seed = 1, checkpoint = dir), "different data")
  expect_error(nmf(x, 2, nrun = 2, seed = 1, maxit = 5, checkpoint = dir), "different maxit")
  expect_error(nmf(x, 2, nrun = 2, seed = 2, checkpoint = dir), "holds runs made with another seed than 2")
})
