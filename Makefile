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

# Linux release archive dist/Verloner.tar.xz (binary built with the release and
# migrated_fynedo tags, .desktop file and icon from FyneApp.toml and assets/).
# Uses an installed fyne tool if there is one, otherwise runs the pinned version
# through the module proxy. fyne package raises the Build number in
# FyneApp.toml; the file is put back afterwards so packaging leaves the tree clean.
FYNE ?= $(shell command -v fyne 2>/dev/null || echo "$(GO) run fyne.io/tools/cmd/fyne@v1.7.4")

package: deps
	@cp FyneApp.toml .FyneApp.toml.keep
	@$(FYNE) package --os linux --release; rc=$$?; \
		mv .FyneApp.toml.keep FyneApp.toml; exit $$rc
	@mkdir -p dist && mv Verloner.tar.xz dist/
	@echo "dist/Verloner.tar.xz: uitpakken en 'make user-install' (of 'sudo make install')"

clean:
	rm -rf $(BIN) *.tar.xz dist/
