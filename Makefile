# Shortcuts; the README explains each layer.
.PHONY: build test test-postgres e2e bench run ci

build:
	swift build

test:
	swift test

# Starts a throwaway PostgreSQL and runs the same suite on it.
test-postgres:
	eval "$$(scripts/start-postgres.sh 55439)" && TEST_DATABASE_URL=$$TEST_DATABASE_URL swift test

# Browser tests: starts its own demo server unless CULTUREHUB_URL is set.
e2e: build
	.venv-browser/bin/pytest -q Tests/Browser

bench:
	Benchmarks/run.sh

run:
	swift run culturehub serve --demo

ci:
	.ci/run
