# nmfkit developer targets. Every target installs what it needs that is missing.
PKG      := nmfkit
VERSION  := $(shell sed -n 's/^Version: //p' DESCRIPTION)
TARBALL  := $(PKG)_$(VERSION).tar.gz
RSCRIPT  ?= Rscript

.PHONY: deps deps-all deps-bench install demo test check sanitize valgrind bench bench-quick bench-target \
        bench-scaling bench-guards bench-survey bench-scale bench-wide bench-method-rank bench-cpp test-cpp lint document clean

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

# the wide bench (issue 16): problems nmfkit was not tuned on, against RcppML
# 0.3.7 and 1.0 (from NMFKIT_PEER_LIB, default bench/peerlib), RcppPlanc,
# scikit-learn and fastTopics; one R process per problem; about 35 minutes on
# 2 cores (NMFKIT_BENCH_BUDGET=15 s per implementation)
WIDE_PROBLEMS := tall wide dense-k2 dense-k5 dense-k30 dense-k50 sparse-0.1pct sparse-1pct sparse-10pct \
                 sparse-exp kl-sparse missing
bench-wide:
	for p in $(WIDE_PROBLEMS); do $(RSCRIPT) bench/bench-wide.R $$p || exit 1; done

# hals against anls on dense data at ranks 10, 30 and 50, positive and
# 70%-zero factors (the default method's rule); about 4 minutes
bench-method-rank:
	$(RSCRIPT) bench/bench-method-rank.R

bench-guards:
	NMFKIT_BENCH_OPENBLAS=$${NMFKIT_BENCH_OPENBLAS:-$$(tools/fetch-openblas.sh)} $(RSCRIPT) bench/bench-guards.R

bench-survey: deps-bench install
	$(RSCRIPT) bench/bench-survey.R

# consensus at single-cell scale (bench/bench-scale.R), with its peak memory
bench-scale: deps-all install
	for d in planted random; do \
	  NMFKIT_SCALE_DATA=$$d /usr/bin/time -v $(RSCRIPT) bench/bench-scale.R 2> bench/results/scale-$$d-time.txt; \
	  grep -E "Maximum resident|Elapsed" bench/results/scale-$$d-time.txt; \
	done

# Eigen's headers for the standalone C++ programs (bench/cpp, tests/cpp): RcppEigen's,
# EIGEN_INC=... to override, /usr/include/eigen3 when neither is there (asked once)
EIGEN_INC ?= $(eval EIGEN_INC := $(shell $(RSCRIPT) -e 'cat(system.file("include", package = "RcppEigen"))' 2>/dev/null))$(EIGEN_INC)
EIGEN_DIR = $(if $(wildcard $(EIGEN_INC)/Eigen/Dense),$(EIGEN_INC),/usr/include/eigen3)
CPP_FLAGS = -std=gnu++14 -O2 -fopenmp -DNDEBUG -I inst/include -isystem $(EIGEN_DIR)
BENCH_CPP_OUT ?= $(or $(TMPDIR),/tmp)/nmfkit-bench-cpp

# The standalone C++ timings of the core (bench/cpp/bench_*.cpp) built into
# $(BENCH_CPP_OUT); bench-scaling.R compiles bench_products.cpp itself
bench-cpp:
	mkdir -p $(BENCH_CPP_OUT)
	for f in bench/cpp/bench_*.cpp; do \
	  $(CXX) $(CPP_FLAGS) $$f -o $(BENCH_CPP_OUT)/$$(basename $$f .cpp) || exit 1; done
	@echo "bench-cpp: built $$(ls bench/cpp/bench_*.cpp | wc -l) programs in $(BENCH_CPP_OUT)"

# The C++ unit tests of the core (tests/cpp): one standalone binary, no R (R is
# asked only where RcppEigen's headers are). Objects and the binary go to
# $(TEST_CPP_OUT); prints one line per test and ends with
# "test-cpp: N tests, N checks, N failed"; fails when any check fails.
# OpenMP's threads sleep when they wait (on a loaded machine, spinning ones
# make the two-thread tests many times slower; results are the same).
TEST_CPP_OUT ?= $(or $(TMPDIR),/tmp)/nmfkit-test-cpp
TEST_CPP_SRC := $(sort $(wildcard tests/cpp/*.cpp tests/cpp/*/*.cpp))
TEST_CPP_OBJ := $(patsubst tests/cpp/%.cpp,$(TEST_CPP_OUT)/%.o,$(TEST_CPP_SRC))

test-cpp: $(TEST_CPP_OUT)/nmfkit-tests
	OMP_WAIT_POLICY=passive $(TEST_CPP_OUT)/nmfkit-tests

$(TEST_CPP_OUT)/nmfkit-tests: $(TEST_CPP_OBJ)
	$(CXX) -fopenmp $^ -o $@

$(TEST_CPP_OUT)/%.o: tests/cpp/%.cpp
	@mkdir -p $(dir $@)
	@test -f $(EIGEN_DIR)/Eigen/Dense || { echo "test-cpp: no Eigen headers in $(EIGEN_DIR) (install RcppEigen, or give EIGEN_INC=)"; exit 1; }
	$(CXX) $(CPP_FLAGS) -Wall -Wextra -MMD -MP -c $< -o $@

-include $(TEST_CPP_OBJ:.o=.d)

# lintr::lint_package() with the project's .lintr; fails on any lint
lint: deps-all
	$(RSCRIPT) -e 'l <- lintr::lint_package(); print(l); if (length(l)) quit(status = 1)'

document:
	$(RSCRIPT) -e 'Rcpp::compileAttributes(); roxygen2::roxygenise()' 2>&1 | grep -v -e 'warning: ignoring attributes' -e '^ ' -e '^/usr' || true
	rm -f src/*.o src/*.so

clean:
	rm -rf $(PKG).Rcheck $(PKG)_*.tar.gz src/*.o src/*.so src/*.dll
