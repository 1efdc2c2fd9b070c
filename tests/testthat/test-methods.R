# The method registry (R/methods.R).

test_that("every registry entry is complete and consistent", {
  reg <- nmfkit:::method_registry()
  kinds <- c("pos", "nonneg", "whole", "whole0", "flag", "theta", "eta", "penalty", "bi_conv", "weight")
  for (e in reg) {
    expect_true(is.character(e$name) && nzchar(e$name), info = e$name)
    expect_true(e$objective %in% c("frobenius", "kl", "weighted frobenius", "pe-nmf", "snmf"), info = e$name)
    expect_true(e$stop %in% c("relative", "connectivity", "stationary", "snmf"), info = e$name)
    expect_true(is.integer(e$maxit) && e$maxit >= 1L, info = e$name)
    expect_identical(is.na(e$tol), e$stop != "relative", info = e$name)
    expect_named(e$supports, c("sparse", "missing", "mask", "weights", "penalties", "fixed", "blocks"))
    for (p in names(e$params)) {
      expect_true(e$params[[p]]$kind %in% kinds, info = paste(e$name, p))
      expect_true(length(e$params[[p]]$core) %in% 1:2, info = paste(e$name, p))
    }
    # the penalties are parameters exactly where the registry says they are supported
    expect_identical(all(c("L1", "L2") %in% names(e$params)), e$supports[["penalties"]], info = e$name)
    # each family has its help page
    expect_true(file.exists(system.file("help", package = "nmfkit")), info = e$name)
  }
  expect_identical(names(reg), unname(vapply(reg, `[[`, "", "name")))
  rd <- names(tools::Rd_db("nmfkit"))
  expect_true(all(paste0("methods_", unique(vapply(reg, `[[`, "", "family")), ".Rd") %in% rd))
})

test_that("the registry is built once per session", {
  reg <- nmfkit:::method_registry()
  builds <- 0L
  suppressMessages(trace(nmfkit:::build_registry, function() builds <<- builds + 1L, print = FALSE,
                         where = asNamespace("nmfkit")))
  on.exit(suppressMessages(untrace(nmfkit:::build_registry, where = asNamespace("nmfkit"))), add = TRUE)
  x <- matrix(runif(60), 10)
  nmf(x, 2, "lee", seed = 1, maxit = 20)
  nmf(x, 2:3, nrun = 2, seed = 1, maxit = 5)
  nmf_cv(x, 1:2, reps = 1, seed = 1, maxit = 5)
  expect_identical(builds, 0L)
  expect_identical(nmfkit:::method_registry(), reg)
})

test_that("nmf_methods() lists the registry with its defaults and what each method supports", {
  tab <- nmf_methods()
  reg <- nmfkit:::method_registry()
  expect_identical(tab$method, names(reg))
  expect_named(tab, c("method", "objective", "help", "stopping", "maxit", "sparse", "missing", "mask", "weights",
                      "penalties", "blocks", "parameters"))
  expect_identical(tab$parameters[tab$method == "lee"], "eps = 1e-09; stopconv = 40; check.interval = 10")
  expect_identical(tab$parameters[tab$method == "pe-nmf"],
                   paste0("alpha = <required>; beta = <required>; stationary.th = 2.220446e-16; check.interval = 50; ",
                          "check.niter = 10"))
  expect_identical(tab$method[tab$weights], c("hals", "anls"))
  expect_identical(tab$method[tab$mask], nmfkit:::methods_supporting("mask"))
  expect_identical(tab$method[!tab$sparse], "ls-nmf")
  expect_identical(tab$help[tab$method == "snmf/r"], "?methods_snmf")
})

test_that("?nmf_methods shows the registry's table", {
  rd <- tools::Rd_db("nmfkit")[["nmf_methods.Rd"]]
  text <- paste(capture.output(tools::Rd2txt(rd, options = list(underline_titles = FALSE))), collapse = "\n")
  expect_match(text, "The methods")
  for (m in nmf_methods()$method) expect_match(text, sprintf('"%s"', m), fixed = TRUE)
})

test_that("method names match exactly, case-insensitively, by prefix and by alias", {
  spec <- nmfkit:::method_spec
  expect_identical(spec("brunet")$name, "brunet")
  expect_identical(spec("kl")$name, "kl")
  expect_identical(spec("KL")$name, "KL")
  expect_identical(spec("frob")$name, "Frobenius")
  expect_identical(spec("snmf/R")$name, "snmf/r")
  expect_identical(spec(".R#brunet")$name, "brunet")
  expect_error(spec("s"), 'is ambiguous: it matches "snmf/r", "snmf/l"')
  x <- matrix(runif(60), 10)
  expect_identical(coef(nmf(x, 2, ".R#lee", seed = 3, maxit = 30)), coef(nmf(x, 2, "lee", seed = 3, maxit = 30)))
})

test_that("parameters reach the core under the core's names", {
  spec <- nmfkit:::method_spec
  x <- matrix(c(1, 5, 2, 3), 2)
  opt <- nmfkit:::core_options(spec("hals"), list(inner = 4L, L1 = c(0.1, 0.2), L2 = c(0, 3)), x)
  expect_identical(opt, list(inner = 4L, l1_w = 0.1, l1_h = 0.2, l2_w = 0, l2_h = 3))
  expect_identical(nmfkit:::core_options(spec("lee"), list(check.interval = 7L), x), list(check_every = 7L))
  expect_identical(nmfkit:::core_options(spec("KL"), list(check.interval = 7L, check.niter = 3L), x),
                   list(stationary_interval = 7L, stationary_niter = 3L))
  expect_identical(nmfkit:::core_options(spec("snmf/r"), list(eta = -1, bi_conv = c(1L, 9L)), x),
                   list(eta = 5, wminchange = 1L, iconv = 9L))
  # the core refuses a name it does not know, and a method or rule it does not know
  s <- list(W = matrix(1, 2, 1), H = matrix(1, 1, 2))
  expect_error(nmfkit:::nmf_fit_cpp(x, s$W, s$H, numeric(), "hals", "relative", list(innr = 1), list(mode = "none"),
                                    FALSE), "unknown core option 'innr'")
  expect_error(nmfkit:::nmf_fit_cpp(x, s$W, s$H, numeric(), "halz", "relative", list(), list(mode = "none"), FALSE),
               "unknown core method 'halz'")
  expect_error(nmfkit:::nmf_fit_cpp(x, s$W, s$H, numeric(), "hals", "never", list(), list(mode = "none"), FALSE),
               "unknown stopping rule 'never'")
})

test_that("every method of the registry fits through its core name and rule", {
  x <- matrix(runif(120, 0.1, 1), 12)
  for (m in nmf_methods()$method) {
    extra <- switch(m, "pe-nmf" = list(alpha = 0.1, beta = 0.1), "ls-nmf" = list(weight = x), list())
    fit <- suppressWarnings(do.call(nmfkit::nmf, c(list(x, 2, m, seed = 1, maxit = 50), extra)))
    expect_s3_class(fit, "nmfkit_fit")
    expect_identical(fit$method, m)
    expect_true(is.finite(deviance(fit)), info = m)
  }
})
