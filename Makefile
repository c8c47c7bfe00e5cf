# The few commands a newcomer needs. `make demo` and `make test` are the README's quick start.
SWIFT ?= swift
PORCH := .build/release/porch

.PHONY: setup release demo test bench score-pii eval-screening fuzz fuzz-ci format lint clean

## setup: install what is missing (libpcre2-dev, libsqlite3-dev, pkg-config)
setup:
	@scripts/setup.sh

## release: build the porch command (release), with the Swift runtime linked in: one file to install, and a
##          one-post command starts a few milliseconds sooner without loading and binding the runtime's libraries
RELEASE_FLAGS := -c release --static-swift-stdlib
release: setup
	$(SWIFT) build $(RELEASE_FLAGS) --product porch

## demo: set up, build, and run the pipeline on the sample posts in seeds/
demo: release
	@scripts/demo.sh

## test: set up (with tmux, PostgreSQL, feedparser, jsonschema), lint, run every test on the release build (SQLite and
##       a throwaway PostgreSQL cluster), then a short deterministic fuzz run
test:
	@scripts/setup.sh --test
	@SWIFT=$(SWIFT) scripts/test.sh

## bench: throughput of the lanes and the cost of one invocation (release build)
bench: setup
	$(SWIFT) build $(RELEASE_FLAGS) --product porch && $(SWIFT) build $(RELEASE_FLAGS) --product porch-bench
	.build/release/porch-bench --rules Rules --porch $(PORCH)

## score-pii: leak rates of the PII lane on ../shared/corpus/dev-pii.jsonl (porch rules test; SCORER=score.py for the shared scorer)
score-pii: release
	@scripts/score-pii.sh

## eval-screening: crisis and spam recall and false positives on Tests/Evaluation
eval-screening: release
	python3 scripts/eval-screening.py --porch $(PORCH)

## fuzz: build the libFuzzer targets in Tests/Fuzz and run each for 60 s (a crash exits non-zero)
.PHONY: fuzz fuzz-ci
fuzz: setup
	SWIFT=$(SWIFT) scripts/fuzz.sh 60

## fuzz-ci: 1,000 inputs per target from a fixed seed (deterministic), as `make test` runs it
fuzz-ci: setup
	SWIFT=$(SWIFT) FUZZ_RUNS=1000 scripts/fuzz.sh

## format: format the Swift sources in place
format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

## lint: swift-format's lint, strict (a warning fails it); `make format` fixes most of what it finds
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build
