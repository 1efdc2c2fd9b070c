# nmfkit demo: NMF on data that ships with R.
library(nmfkit)

# iris as features x samples: 4 measurements x 150 flowers
x <- t(as.matrix(iris[, 1:4]))

# the default method ("anls"), reproducible with a seed
fit <- nmf(x, 3, seed = 123)
print(fit)

# which factor dominates each flower, against the species
print(table(cluster = predict(fit), species = iris$Species))

# the NMF package's algorithms give its answers for the same seed
fits <- lapply(c("hals", "lee", "brunet"), function(m) nmf(x, 3, m, seed = 123))
print(data.frame(
  method = vapply(fits, function(f) f$method, ""),
  niter = vapply(fits, niter, 0L),
  rss = vapply(fits, rss, 0, target = x),
  evar = vapply(fits, evar, 0, target = x),
  seconds = vapply(fits, function(f) runtime(f)[["elapsed"]], 0)
))

# a sparse matrix is fitted without densifying it
s <- Matrix::rsparsematrix(2000, 500, density = 0.02, rand.x = function(n) rpois(n, 3) + 1)
sfit <- nmf(s, 8, seed = 1)
print(sfit)
