# nmfkit developer targets. Every target installs what it needs that is missing.
PKG      := nmfkit
VERSION  := $(shell sed -n 's/^Version: //p' DESCRIPTION)
TARBALL  := $(PKG)_$(VERSION).tar.gz
RSCRIPT  ?= Rscript

.PHONY: deps deps-all deps-bench install demo test check sanitize valgrind bench bench-quick bench-target \
        bench-scaling bench-guards bench-survey document clean

deps:
	tools/install-deps.sh

deps-all:
	tools/install-deps.sh --all

# --all plus the benchmarks' optional peers (scikit-learn, RcppPlanc), best effort
deps-bench:
	tools/install-deps.sh --bench

install: deps
	R CMD INSTALL --preclean .
	rm -f src/*.o src/*.so src/*.dll

demo: install
	$(RSCRIPT) -e 'demo("nmfkit", package = "nmfkit", ask = FALSE, echo = TRUE)'

test: deps-all install
	$(RSCRIPT) tools/run-tests.R

# the test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (a separate instrumented build in a temporary library); fails on any report
sanitize: deps-all
	tools/sanitize.sh

# the core tests under valgrind's memcheck (valgrind must be installed)
valgrind: deps-all install
	tools/valgrind.sh

check: deps-all
	rm -f $(TARBALL)
	R CMD build .
	tools/check.sh $(TARBALL)

# The benchmark suite (bench/README.md): tables on stdout, CSV and PNG files in
# bench/results/. Run it on a quiet machine: every result records the load.
# NMFKIT_BENCH_QUICK=1 (make bench-quick) runs small versions in a few minutes.
bench: deps-bench install bench-target bench-scaling bench-guards
	$(RSCRIPT) bench/bench-methods.R
	$(RSCRIPT) bench/bench-missing.R

bench-quick:
	NMFKIT_BENCH_QUICK=1 NMFKIT_BENCH_OUT=$${NMFKIT_BENCH_OUT:-bench/results/quick} $(MAKE) bench-target bench-scaling bench-guards

# one R process per problem, so that one problem's memory or failure does not touch the next
bench-target:
	for p in dense dense-easy sparse golub kl; do $(RSCRIPT) bench/bench-target.R $$p || exit 1; done

bench-scaling:
	$(RSCRIPT) bench/bench-scaling.R

bench-guards:
	NMFKIT_BENCH_OPENBLAS=$${NMFKIT_BENCH_OPENBLAS:-$$(tools/fetch-openblas.sh)} $(RSCRIPT) bench/bench-guards.R

bench-survey: deps-bench install
	$(RSCRIPT) bench/bench-survey.R

document:
	$(RSCRIPT) -e 'Rcpp::compileAttributes(); roxygen2::roxygenise()' 2>&1 | grep -v -e 'warning: ignoring attributes' -e '^ ' -e '^/usr' || true
	rm -f src/*.o src/*.so

clean:
	rm -rf $(PKG).Rcheck $(PKG)_*.tar.gz src/*.o src/*.so src/*.dll
