# Wick: `make demo` and `make test` are the two commands a newcomer types.
# Both install the missing system packages first (apt; sudo when not root).

SWIFT ?= swift
SHELL := /bin/bash
APT_PACKAGES := libreadline-dev libopenblas-dev gnuplot-nox libgnuplot-iostream-dev
# The toolchain lives in /opt/swift on our machines; keep it reachable in non-login shells.
export PATH := $(PATH):/opt/swift/usr/bin

.PHONY: all deps build release test demo bench clean

all: build

# Installs only what is missing, so a second run does not touch apt.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# XCTest runs the suite; the last line restates its count in the plain `N passed, N failed` form.
# LessonTests runs the lessons with the release binary, as learners do (each lesson < 10 s there).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) build -c release --product wick
	@set -o pipefail; $(SWIFT) test --skip-build --disable-swift-testing 2>&1 | tee .build/test-output.txt; status=$$?; \
	summary=$$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with " .build/test-output.txt | tail -1); \
	total=$$(echo "$$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/'); \
	failed=$$(echo "$$summary" | sed -E 's/.* ([0-9]+) failures?.*/\1/'); \
	skipped=0; case "$$summary" in *skipped*) skipped=$$(echo "$$summary" | sed -E 's/.*with ([0-9]+) tests? skipped.*/\1/');; esac; \
	if [ -n "$$summary" ]; then echo "tests: $$((total - failed - skipped)) passed, $$failed failed, $$skipped skipped"; fi; \
	exit $$status

# The lesson tour: every lesson runs (wick check), its figures land in Plots/.
demo: release
	./.build/release/wick lessons
	./.build/release/wick check
	@echo "Figures are in Plots/ (each .png with its gnuplot .gp and .dat). Step through a lesson: .build/release/wick step 1"

bench: release
	./Benchmarks/run.sh

clean:
	rm -rf .build Plots/*.png
