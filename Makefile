# scrollbuild — setup, build, run, test, bench. Every target installs what it needs first.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: the C libraries wrapped as system-library targets, and the tools
# the build runs (pdftotext, from poppler-utils) and the tests and benchmarks run
# against (ninja, hugo, GNU time).
APT_PACKAGES := pkg-config libgit2-dev libcurl4-openssl-dev libxml2-dev libsqlite3-dev \
                libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev poppler-utils ninja-build hugo time
RELEASE := .build/release/scrollbuild
DEBUG := .build/debug/scrollbuild

.PHONY: setup build release run test bench clean

setup:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: setup
	$(SWIFT) build

# The Swift runtime and Foundation linked in: a no-op build spends less time in the
# dynamic loader (about 4 ms of every run).
release: setup
	$(SWIFT) build -c release --product scrollbuild --static-swift-stdlib

# Builds this repository's own sample project into build/site.
run: release
	$(RELEASE) all
	@echo "open $(CURDIR)/build/site/index.html"

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	python3 bench/run.py --binary $(RELEASE) --sizes 1000,10000
	python3 bench/llm.py --binary $(RELEASE)

clean:
	rm -rf .build build bench/work bench/work-llm
