# Verloner — quick start on Debian/Ubuntu with Go installed:
#   make run    installs the GUI build prerequisites if missing, builds, opens the demo administration
#   make test   runs every test
GO      ?= go
TAGS    ?= migrated_fynedo
BIN     ?= verloner

.PHONY: run build deps test vet fmt-check package clean

run: build
	./$(BIN)

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

deps:
	@.ci/install-deps

test:
	$(GO) test ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt nodig voor:"; echo "$$out"; exit 1; fi

# The weekly-cycle benchmark (verloner bench, data from app/benchdata): import,
# check, payroll, payslips, invoices and margin of a generated agency at 500,
# 2 000 and 8 000 workers, with time and peak memory per stage.
.PHONY: bench
bench: build
	./$(BIN) bench --workers 500,2000,8000

# Linux release archive (tar.xz with .desktop file and icon); needs the fyne tool:
#   go install fyne.io/tools/cmd/fyne@v1.7.4
# fyne package rewrites FyneApp.toml (Build number), so restore it afterwards.
package: deps
	fyne package --os linux --release
	git checkout -- FyneApp.toml

clean:
	rm -f $(BIN) *.tar.xz
