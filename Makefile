.PHONY: build test run

build:
	scripts/install-deps.sh
	swift build

test:
	scripts/test.sh

run:
	scripts/run.sh
