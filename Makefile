# nmfkit developer targets. Every target installs what it needs that is missing.
PKG      := nmfkit
VERSION  := $(shell sed -n 's/^Version: //p' DESCRIPTION)
TARBALL  := $(PKG)_$(VERSION).tar.gz
RSCRIPT  ?= Rscript

.PHONY: deps deps-all install demo test check sanitize valgrind bench bench-survey document clean

deps:
	tools/install-deps.sh

deps-all:
	tools/install-deps.sh --all

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

bench: deps-all install
	$(RSCRIPT) bench/bench-dense.R
	$(RSCRIPT) bench/bench-methods.R
	$(RSCRIPT) bench/bench-missing.R

bench-survey: deps-all install
	$(RSCRIPT) bench/bench-survey.R

document:
	$(RSCRIPT) -e 'Rcpp::compileAttributes(); roxygen2::roxygenise()' 2>&1 | grep -v -e 'warning: ignoring attributes' -e '^ ' -e '^/usr' || true
	rm -f src/*.o src/*.so

clean:
	rm -rf $(PKG).Rcheck $(PKG)_*.tar.gz src/*.o src/*.so src/*.dll
