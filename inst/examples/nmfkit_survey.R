x <- t(as.matrix(iris[, 1:4]))
est <- nmf(x, 2:3, nrun = 3, seed = 1)
est
est$measures[, c("rank", "cophenetic", "dispersion", "rss")]
rnd <- nmf(randomize(x), 2:3, nrun = 3, seed = 1)
plot(est, rnd)
