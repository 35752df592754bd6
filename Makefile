# Selvbetjening — developer tasks. `make help` lists them.
#
# Nothing needs a system-wide database: run, test and bench start a
# project-local PostgreSQL cluster with ./cmd/pgdev unless DATABASE_URL is set.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# The repository's root, where this Makefile is, whatever folder make runs
# in; and shared/ beside it (../shared, as CI lays it out), or beside the
# main checkout when this is a linked work tree (git worktree).
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
ifeq ($(origin SHARED),undefined)
SHARED := $(abspath $(ROOT)/../shared)
ifeq ($(wildcard $(SHARED)),)
main_checkout := $(shell git -C "$(ROOT)" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)
ifneq ($(main_checkout),)
SHARED := $(abspath $(dir $(main_checkout))../shared)
endif
endif
endif

GO       ?= go
PGDEV    := $(GO) run ./cmd/pgdev
PGDIR    := .data/postgres
PGPORT   ?= 54329
DBNAME   ?= selvbetjening
# Throwaway clusters live in a subdirectory per run, so that several people
# may run the tests in one work tree at the same time.
TEST_PGDIR  := .data/test-postgres
BENCH_PGDIR := .data/bench-postgres
FUZZTIME ?= 10s
# The browser for browser tests; Debian's chromium package puts it in /usr/bin.
ifeq ($(origin CHROMIUM),undefined)
CHROMIUM := $(or $(shell command -v chromium 2>/dev/null),/usr/bin/chromium)
endif

# Shell snippets shared by recipes.
#
# have_postgres: initdb on PATH or in a Debian PostgreSQL install.
# have_chromium: the browser named by CHROMIUM, or chromium on PATH.
# ensure_packages PKG...: as root, apt-get update once and install the Debian
#   packages; as anyone else, say what is missing (and carry on: an external
#   DATABASE_URL needs no local PostgreSQL, and browser tests can say so).
define SH_FUNCS
have_postgres() { command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }; \
have_chromium() { [ -x "$(CHROMIUM)" ] || command -v chromium >/dev/null 2>&1; }; \
ensure_packages() { \
	[ $$# -gt 0 ] || return 0; \
	if [ "$$(id -u)" -ne 0 ]; then \
		echo "missing Debian packages: $$*" >&2; \
		echo "  install them with: sudo apt-get install -y --no-install-recommends $$*" >&2; \
		return 0; \
	fi; \
	echo "installing Debian packages: $$*" >&2; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq; \
	apt-get install -y -qq --no-install-recommends "$$@"; \
}
endef

# $(call with_throwaway_db,DIR,COMMAND[,PGDEV FLAGS]): run COMMAND with DATABASE_URL and
# CHROMIUM exported. Unless DATABASE_URL is already set, DATABASE_URL points
# at a fresh cluster in DIR/run-PID on a free port, destroyed afterwards
# whatever COMMAND's outcome (the exit status is COMMAND's). Tests pass
# -fast (no fsync); benchmarks do not, so their writes cost what they would.
define with_throwaway_db
export CHROMIUM="$(CHROMIUM)"; \
if [ -z "$${DATABASE_URL:-}" ]; then \
	db_dir="$(1)/run-$$$$"; \
	trap '$(PGDEV) destroy -dir "$$db_dir" >/dev/null 2>&1 || echo "could not destroy $$db_dir" >&2' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM; \
	DATABASE_URL="$$($(PGDEV) start -dir "$$db_dir" -port 0 $(3))"; \
	export DATABASE_URL; \
fi; \
$(2)
endef

.PHONY: help
help: ## List the targets
	@echo "usage: make TARGET"
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z0-9_-]+:.*## / { printf "  %-11s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo
	@echo "Variables: DATABASE_URL (use this database instead of a local cluster),"
	@echo "  MIGRATE_DATABASE_URL, PORTAL_ADDR, IDPORTEN_ADDR, OIDC_ISSUER (run), CHROMIUM (test), FUZZTIME (fuzz)."

.PHONY: deps
deps: ## Install PostgreSQL and Chromium from Debian if missing (as root; otherwise say what is missing)
	@$(SH_FUNCS); \
	missing=(); \
	have_postgres || missing+=(postgresql); \
	have_chromium || missing+=(chromium); \
	ensure_packages "$${missing[@]}"

# axe-core for the browser tests' accessibility checks, pinned in the
# package-lock.json beside webtest and installed into its node_modules (ignored
# by git). npm ci runs again only when the lock file changes.
AXE_DIR := internal/web/webtest

.PHONY: test-deps
test-deps: deps $(AXE_DIR)/node_modules/.package-lock.json ## Also install Node.js and npm from Debian if missing, and axe-core from npm

$(AXE_DIR)/node_modules/.package-lock.json: $(AXE_DIR)/package-lock.json $(AXE_DIR)/package.json
	@$(SH_FUNCS); \
	command -v npm >/dev/null 2>&1 || ensure_packages nodejs npm; \
	if ! command -v npm >/dev/null 2>&1; then echo "npm is missing: browser tests will say that axe-core is not installed" >&2; exit 0; fi; \
	echo "installing axe-core for the browser tests (npm ci --prefix $(AXE_DIR))" >&2; \
	npm ci --prefix $(AXE_DIR) --no-audit --no-fund --loglevel=error; \
	touch $@

.PHONY: bench-deps
bench-deps: deps ## Also install wrk, the load generator of bench
	@$(SH_FUNCS); \
	missing=(); \
	command -v wrk >/dev/null 2>&1 || missing+=(wrk); \
	ensure_packages "$${missing[@]}"

.PHONY: generate
generate: ## Regenerate the templ components (*_templ.go)
	$(GO) tool templ generate

.PHONY: build
build: ## Build bin/portal and bin/idporten
	$(GO) build -o bin/ ./cmd/portal ./cmd/idporten

.PHONY: run
run: deps build ## Run the portal and the stand-in ID-porten on a local database with demo data
	@if [ -z "$${DATABASE_URL:-}" ]; then \
		admin_url="$$($(PGDEV) start -dir $(PGDIR) -port $(PGPORT))"; \
		db_urls="$$($(PGDEV) createdb -url "$$admin_url" -name $(DBNAME))"; \
		DATABASE_URL="$$(sed -n 's/^DATABASE_URL=//p' <<<"$$db_urls")"; \
		MIGRATE_DATABASE_URL="$$(sed -n 's/^MIGRATE_DATABASE_URL=//p' <<<"$$db_urls")"; \
		export MIGRATE_DATABASE_URL; \
	fi; \
	export DATABASE_URL; \
	idp_addr="$${IDPORTEN_ADDR:-127.0.0.1:8081}"; \
	case $$idp_addr in :*) idp_addr="127.0.0.1$$idp_addr";; esac; \
	export OIDC_ISSUER="$${OIDC_ISSUER:-http://$$idp_addr}"; \
	portal_addr="$${PORTAL_ADDR:-127.0.0.1:8080}"; \
	case $$portal_addr in :*) portal_addr="127.0.0.1$$portal_addr";; esac; \
	portal_url="$${PORTAL_BASE_URL:-http://$$portal_addr}"; \
	export IDPORTEN_REDIRECT_URIS="$${IDPORTEN_REDIRECT_URIS:-$${portal_url%/}/auth/callback}"; \
	export IDPORTEN_POST_LOGOUT_REDIRECT_URIS="$${IDPORTEN_POST_LOGOUT_REDIRECT_URIS:-$${portal_url%/}/logget-ut}"; \
	if [ -z "$${TOKEN_KEY_ENCRYPTION_KEY:-}" ]; then \
		key_file=.data/token-key-encryption-key; \
		if [ ! -s "$$key_file" ]; then \
			mkdir -p .data; (umask 077; head -c 32 /dev/urandom | base64 >"$$key_file"); \
			echo "made a development TOKEN_KEY_ENCRYPTION_KEY in $$key_file"; \
		fi; \
		TOKEN_KEY_ENCRYPTION_KEY="$$(cat "$$key_file")"; export TOKEN_KEY_ENCRYPTION_KEY; \
	fi; \
	bin/idporten & idp_pid=$$!; \
	trap 'kill $$idp_pid 2>/dev/null && wait $$idp_pid 2>/dev/null; true' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM; \
	bin/portal seed; \
	for _ in $$(seq 100); do \
		kill -0 $$idp_pid 2>/dev/null || { echo "bin/idporten exited" >&2; exit 1; }; \
		(exec 3<>"/dev/tcp/$${idp_addr%:*}/$${idp_addr##*:}") 2>/dev/null && break; \
		sleep 0.1; \
	done; \
	echo; \
	echo "Portal:              $$portal_url"; \
	echo "Stand-in ID-porten:  $$OIDC_ISSUER"; \
	echo "Token endpoint TEST: $${MASKINPORTEN_TEST_ISSUER:-$${portal_url%/}/maskinporten/test/}token"; \
	if [ -n "$${db_urls:-}" ]; then \
		echo "Database (serving):  $$DATABASE_URL"; \
		echo "Database (owner):    $$MIGRATE_DATABASE_URL"; \
	fi; \
	echo "Stop with Ctrl-C; the database keeps running until make stop-db."; \
	echo; \
	bin/portal serve

.PHONY: test
test: test-deps ## Run all tests with -race against a throwaway database
	@$(call with_throwaway_db,$(TEST_PGDIR),$(GO) test -race -count=1 ./...,-fast)

.PHONY: lint
lint: ## go vet, staticcheck (pinned in go.mod), and gofmt must have nothing to say
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	@unformatted="$$(gofmt -l $$(find . -mindepth 1 \( -name '.*' -o -name bin -o -name node_modules -o -name vendor \) -prune -o -type f -name '*.go' -print) </dev/null)"; \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt -l lists files that need formatting (run gofmt -w):"; \
		echo "$$unformatted"; \
		exit 1; \
	fi

.PHONY: bench
bench: bench-deps ## Go benchmarks, then a load run of the list page beside the bare-stack ceiling
	@$(call with_throwaway_db,$(BENCH_PGDIR),$(GO) test -run '^$$' -bench . -benchmem ./...)
	@$(MAKE) bench-load
	@$(MAKE) bench-api
	@$(MAKE) bench-token
	@$(MAKE) bench-scale

# The load run: bin/benchserver serves the real portal with 100,000
# integrations and prints the list URL and a logged-in session cookie; wrk
# then loads that page, beside the bare chi + pgx + templ ceiling when
# $(SHARED)/perf/ceiling.sh is there (compare ratios, not absolute figures).
CEILING ?= $(SHARED)/perf/ceiling.sh
.PHONY: bench-load
bench-load: bench-deps ## Only the load run of the list page (wrk, and the ceiling when present)
	@$(GO) build -o bin/ ./cmd/benchserver
	@$(call with_throwaway_db,$(BENCH_PGDIR),\
		out=$$(mktemp); \
		bin/benchserver >"$$out" & bench_pid=$$!; \
		trap 'kill $$bench_pid 2>/dev/null; wait $$bench_pid 2>/dev/null; rm -f "$$out"; $(PGDEV) destroy -dir "$${db_dir:-/nonexistent}" >/dev/null 2>&1; true' EXIT; \
		for _ in $$(seq 600); do grep -q '^COOKIE=' "$$out" && break; kill -0 $$bench_pid || exit 1; sleep 0.2; done; \
		url=$$(sed -n 's/^URL=//p' "$$out"); cookie=$$(sed -n 's/^COOKIE=//p' "$$out"); \
		echo "load run: $$url (Kari Konsument, 5,002 integrations in TEST)"; \
		if [ -x "$(CEILING)" ]; then \
			ADDR=$${CEILING_ADDR:-127.0.0.1:18091} "$(CEILING)" --also "$$url" "$$cookie"; \
		else \
			wrk -t2 -c50 -d10s --latency -H "Cookie: $$cookie" "$$url"; \
		fi)

# The REST API under load: bin/benchserver (the same data; Eksempel Konsument
# AS has 5,000 integrations in TEST, each with a scope) prints the URL of
# GET /api/v1/clients (50 per page) and keeps a Bearer token for the
# organisation's admin integration, from its own TEST token endpoint, fresh
# in a file. ceiling.sh sends only a Cookie header, so its wrk and curl run
# through cmd/benchserver/bearer.sh, which adds "Authorization: Bearer ..."
# to the API's URL alone: the API is measured as a script calls it, beside
# the ceiling's list for one organisation in the same run, three rounds
# alternating by default (ROUNDS), as single runs vary by 15 % here.
.PHONY: bench-api
bench-api: bench-deps ## Only the load run of GET /api/v1/clients (wrk, and the ceiling when present)
	@$(GO) build -o bin/ ./cmd/benchserver
	@$(call with_throwaway_db,$(BENCH_PGDIR),\
		work=$$(mktemp -d /tmp/benchapi.XXXXXX); bench_pid=""; \
		trap '[ -n "$$bench_pid" ] && kill $$bench_pid 2>/dev/null && wait $$bench_pid 2>/dev/null; rm -rf "$$work"; $(PGDEV) destroy -dir "$${db_dir:-/nonexistent}" >/dev/null 2>&1; true' EXIT; \
		API_TOKEN_FILE="$$work/token" PORTAL_ADDR="$${API_BENCH_ADDR:-127.0.0.1:18095}" bin/benchserver >"$$work/out" 2>"$$work/err" & bench_pid=$$!; \
		for _ in $$(seq 600); do grep -qs '^API_URL=' "$$work/out" && break; kill -0 $$bench_pid || { cat "$$work/err"; exit 1; }; sleep 0.2; done; \
		api_url=$$(sed -n 's/^API_URL=//p' "$$work/out"); \
		echo "load run: GET $$api_url (Lastklient of Eksempel Konsument AS; 5,002 integrations in TEST, 50 per page)"; \
		mkdir "$$work/bin"; ln -s "$(ROOT)/cmd/benchserver/bearer.sh" "$$work/bin/wrk"; ln -s "$(ROOT)/cmd/benchserver/bearer.sh" "$$work/bin/curl"; \
		export PATH="$$work/bin:$$PATH" BEARER_URL="$$api_url" BEARER_TOKEN_FILE="$$work/token"; \
		if [ -x "$(CEILING)" ]; then \
			ROUNDS=$${ROUNDS:-3} ADDR=$${CEILING_ADDR:-127.0.0.1:18091} "$(CEILING)" --also "$$api_url" ''; \
		else \
			wrk -t2 -c50 -d10s --latency "$$api_url"; \
		fi)

# The token endpoint under load, beside $(SHARED)/perf/token/bench.sh (the
# bare chi + pgx + go-jose ceiling: per token one SELECT, one jti INSERT and
# an RS256 signature with RSA-2048, as the portal; it measures RS256, then
# ES256 access tokens). bin/tokenbench (the portal's TEST endpoint with
# 10,000 integrations, one P-256 key each) is seeded and passes the load
# generator's conformance check first, so that nothing of it runs during
# the ceiling's runs. Then TOKEN_ROUNDS rounds (3 by default), each the
# ceiling and right after it the portal, driven by the same load generator
# with the same settings: the machine's other load moves single runs by a
# third here, so each round's ratio is printed, and their median. Prints
# tokens/s, p50 and p99 of both side by side, and the portal's SQL round
# trips per token (counted by the pool) on the request path and in the
# background (the batched counts and rate limits).
comma := ,
TOKEN_CEILING  ?= $(SHARED)/perf/token/bench.sh
TOKEN_LOAD_DIR ?= $(dir $(TOKEN_CEILING))load
.PHONY: bench-token
bench-token: deps ## Load runs of the token endpoint beside shared/perf/token/bench.sh (TOKEN_ROUNDS, 3)
	@[ -d "$(TOKEN_LOAD_DIR)" ] || { echo "$(TOKEN_LOAD_DIR) is missing: the token load generator comes with $(TOKEN_CEILING) (set TOKEN_CEILING=/path/to/perf/token/bench.sh)"; exit 1; }
	@$(GO) build -o bin/ ./cmd/tokenbench
	@$(call with_throwaway_db,$(BENCH_PGDIR),\
		work=$$(mktemp -d /tmp/tokenbench.XXXXXX); bench_pid=""; \
		trap '[ -n "$$bench_pid" ] && kill $$bench_pid 2>/dev/null && wait $$bench_pid 2>/dev/null; rm -rf "$$work"; $(PGDEV) destroy -dir "$${db_dir:-/nonexistent}" >/dev/null 2>&1; true' EXIT; \
		(cd "$(TOKEN_LOAD_DIR)" && $(GO) build -o "$$work/load" .); \
		KEYS_OUT="$$work" ADDR="$${TOKEN_BENCH_ADDR:-127.0.0.1:18093}" bin/tokenbench >"$$work/out" 2>"$$work/err" & bench_pid=$$!; \
		for _ in $$(seq 600); do grep -q '^KEYS=' "$$work/out" && break; kill -0 $$bench_pid || { cat "$$work/err"; exit 1; }; sleep 0.2; done; \
		issuer=$$(sed -n 's/^ISSUER=//p' "$$work/out"); keys=$$(sed -n 's/^KEYS=//p' "$$work/out"); \
		stats_url="$${issuer%%/maskinporten/*}/bench/stats"; \
		"$$work/load" -keys "$$keys" -url "$${issuer}token" -issuer "$$issuer" -check -jwks "$${issuer}jwk" >"$$work/check.log" \
			|| { echo "conformance check of the portal failed:"; cat "$$work/check.log"; exit 1; }; \
		echo "portal: $$(tail -1 "$$work/check.log")"; \
		kv() { tr ' ' '\n' <<<"$$1" | sed -n "s/^$$2=//p"; }; \
		rounds=$${TOKEN_ROUNDS:-3}; tokens=0; req=0; bg=0; \
		for round in $$(seq "$$rounds"); do \
			if [ -x "$(TOKEN_CEILING)" ]; then \
				echo "== round $$round of $$rounds: bare ceiling ($(TOKEN_CEILING))"; \
				"$(TOKEN_CEILING)" >"$$work/ceiling-$$round.txt"; \
				grep -E '^(mode|RS256|ES256) ' "$$work/ceiling-$$round.txt"; \
			else echo "== round $$round of $$rounds: $(TOKEN_CEILING) is missing: the portal is measured alone"; fi; \
			echo "== round $$round of $$rounds: the portal's TEST token endpoint (bin/tokenbench$(comma) -c$${CONNS:-50}$(comma) $${WARMUP:-2s} warm-up + $${DURATION:-10s})"; \
			before=$$(curl -fsS "$$stats_url"); \
			"$$work/load" -keys "$$keys" -url "$${issuer}token" -issuer "$$issuer" -c "$${CONNS:-50}" -d "$${DURATION:-10s}" -warmup "$${WARMUP:-2s}" >"$$work/load-$$round.out"; \
			after=$$(curl -fsS "$$stats_url"); \
			cat "$$work/load-$$round.out"; \
			tokens=$$(( tokens + $$(kv "$$after" tokens) - $$(kv "$$before" tokens) )); \
			req=$$(( req + $$(kv "$$after" request_path_statements) - $$(kv "$$before" request_path_statements) )); \
			bg=$$(( bg + $$(kv "$$after" background_statements) - $$(kv "$$before" background_statements) )); \
		done; \
		rt=$$(awk -v r="$$req" -v t="$$tokens" 'BEGIN { if (t > 0) printf "%.2f"$(comma) r / t; else print "-" }'); \
		echo; \
		echo "token endpoint $$(date +%F) | $$(nproc) vCPU | $$($(GO) env GOVERSION) | load -c$${CONNS:-50} -d$${DURATION:-10s} | 10$(comma)000 clients$(comma) ES256 grants$(comma) RS256 access tokens (RSA-2048)"; \
		printf '%-5s %-30s %8s %8s %8s %7s %10s %7s\n' round endpoint tokens/s p50_ms p99_ms non200 sql/token "% bare"; \
		ratios=""; \
		for round in $$(seq "$$rounds"); do \
			bare_rps=""; \
			if [ -s "$$work/ceiling-$$round.txt" ]; then \
				read -r bare_rps bare_p50 bare_p99 bare_non200 < <(awk '/^RS256 access token/ {print $$5$(comma) $$6$(comma) $$7$(comma) $$8}' "$$work/ceiling-$$round.txt"); \
				printf '%-5s %-30s %8s %8s %8s %7s %10s %7s\n' "$$round" "bare ceiling (RS256)" "$$bare_rps" "$$bare_p50" "$$bare_p99" "$$bare_non200" "2 (code)" ""; \
			fi; \
			load=$$(cat "$$work/load-$$round.out"); ours_rps=$$(kv "$$load" rps); \
			ratio=""; if [ -n "$$bare_rps" ]; then ratio=$$(awk -v o="$$ours_rps" -v b="$$bare_rps" 'BEGIN { printf "%.0f"$(comma) 100 * o / b }'); fi; \
			ratios="$$ratios $$ratio"; \
			printf '%-5s %-30s %8s %8s %8s %7s %10s %7s\n' "$$round" "portal TEST endpoint (RS256)" "$$ours_rps" "$$(kv "$$load" p50_ms)" "$$(kv "$$load" p99_ms)" "$$(kv "$$load" non200)" "$$rt" "$${ratio:+$$ratio %}"; \
		done; \
		if [ -n "$${ratios// /}" ]; then \
			echo "portal / bare by round:$$ratios %; median $$(tr ' ' '\n' <<<"$$ratios" | sed '/^$$/d' | sort -n | awk '{ v[NR] = $$1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }') % (target: at least 80 %)"; \
		fi; \
		awk -v r="$$req" -v g="$$bg" -v t="$$tokens" 'BEGIN { if (t > 0) printf "portal SQL per token: %.2f round trips on the request path (target: at most 2: the SELECT and the jti INSERT)$(comma) %.3f background statements (batched counts and rate limits); %d tokens counted\n"$(comma) r / t$(comma) g / t$(comma) t }'; \
		echo "bare ceiling's 2: one SELECT and one INSERT per token by its code (it counts nothing)")

# The scale run: bin/scalebench loads 100,000 integrations over 10,000
# organisations and 1,000,000 over 100,000 (COPY) into two databases, times
# the list page, the scope picker, an integration's page, creating one and a
# token request through the real portal at both sizes in turn, and prints
# them side by side; it fails when a query plan of those requests reads a
# table of 10,000 rows or more with a sequential scan. SCALE_REQUESTS
# (default 200) requests per operation and size; SCALE_ORGS the sizes.
.PHONY: bench-scale
bench-scale: deps ## The portal at 100,000 and 1,000,000 integrations side by side; every plan an index scan
	@$(GO) build -o bin/ ./cmd/scalebench
	@$(call with_throwaway_db,$(BENCH_PGDIR),bin/scalebench)

# Container images (Dockerfile): the portal, and the stand-in ID-porten as a
# separate image. IMAGE_ENGINE is docker (with a running daemon), podman or
# buildah, whichever is found first; as root with none of them, Debian's
# buildah is installed. GO_IMAGE is the build stage's toolchain: when it
# cannot be pulled (no registry reachable), an image of this machine's own Go
# is made once and used instead, so the build needs only the Go module proxy.
IMAGE       ?= localhost/selvbetjening/portal:dev
IDP_IMAGE   ?= localhost/selvbetjening/idporten:dev
GO_VERSION  := $(shell $(GO) env GOVERSION 2>/dev/null | sed 's/^go//')
GO_IMAGE    ?= docker.io/library/golang:$(GO_VERSION)-bookworm
LOCAL_GO_IMAGE := localhost/selvbetjening/go:$(GO_VERSION)
IMAGE_MAX_MB ?= 30
IMAGE_TEST_PORT ?= 18088

define IMAGE_FUNCS
image_engine() { \
	if [ -n "$${IMAGE_ENGINE:-}" ]; then echo "$$IMAGE_ENGINE"; return; fi; \
	if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then echo docker; return; fi; \
	if command -v podman >/dev/null 2>&1; then echo podman; return; fi; \
	if ! command -v buildah >/dev/null 2>&1; then ensure_packages buildah >&2; fi; \
	if command -v buildah >/dev/null 2>&1; then echo buildah; return; fi; \
	echo "make image needs docker (with its daemon), podman or buildah" >&2; return 1; \
}; \
image_exists() { \
	case $$1 in buildah) buildah inspect --type image "$$2" >/dev/null 2>&1;; *) "$$1" image inspect "$$2" >/dev/null 2>&1;; esac; \
}; \
go_builder() { \
	if image_exists "$$1" "$(GO_IMAGE)" || "$$1" pull -q "$(GO_IMAGE)" >/dev/null 2>&1; then echo "$(GO_IMAGE)"; return; fi; \
	if ! image_exists "$$1" "$(LOCAL_GO_IMAGE)"; then \
		echo "$(GO_IMAGE) cannot be pulled: making $(LOCAL_GO_IMAGE) from $$($(GO) env GOROOT)" >&2; \
		tarball="$$(mktemp --suffix .tar)"; \
		tar -C "$$($(GO) env GOROOT)" --transform 's,^\.,usr/local/go,' -cf "$$tarball" . ; \
		tar -C / -rf "$$tarball" etc/ssl/certs/ca-certificates.crt; \
		stage="$$(mktemp -d)"; mkdir -m 1777 "$$stage/tmp"; tar -C "$$stage" -rf "$$tarball" tmp; rm -rf "$$stage"; \
		env_path="PATH=/usr/local/go/bin:/usr/bin:/bin"; env_proxy="GOPROXY=$$($(GO) env GOPROXY)"; \
		case $$1 in \
		buildah) c="$$(buildah from scratch)"; buildah add "$$c" "$$tarball" / >/dev/null; \
			buildah config --env "$$env_path" --env "$$env_proxy" --env GOTOOLCHAIN=local "$$c"; \
			buildah commit -q "$$c" "$(LOCAL_GO_IMAGE)" >/dev/null; buildah rm "$$c" >/dev/null;; \
		*) "$$1" import -c "ENV $$env_path" -c "ENV $$env_proxy" -c "ENV GOTOOLCHAIN=local" "$$tarball" "$(LOCAL_GO_IMAGE)" >/dev/null;; \
		esac; \
		rm -f "$$tarball"; \
	fi; \
	echo "$(LOCAL_GO_IMAGE)"; \
}; \
build_image() { \
	case $$1 in \
	buildah) buildah bud --layers --isolation chroot --build-arg GO_IMAGE="$$2" --target "$$3" -t "$$4" . ;; \
	*) "$$1" build --build-arg GO_IMAGE="$$2" --target "$$3" -t "$$4" . ;; \
	esac; \
}; \
image_bytes() { \
	case $$1 in \
	buildah) buildah inspect --type image --format '{{.Manifest}}' "$$2" | \
		grep -o '"layers":.*' | grep -o '"size":[0-9]*' | awk -F: '{ n += $$2 } END { print n }';; \
	*) "$$1" image inspect --format '{{.Size}}' "$$2";; esac; \
}
endef

.PHONY: image
image: ## Build the portal's container image, and the stand-in ID-porten's as a separate one
	@$(SH_FUNCS); $(IMAGE_FUNCS); \
	engine="$$(image_engine)"; builder="$$(go_builder "$$engine")"; \
	echo "building $(IMAGE) and $(IDP_IMAGE) with $$engine (Go from $$builder)"; \
	build_image "$$engine" "$$builder" portal "$(IMAGE)"; \
	build_image "$$engine" "$$builder" idporten "$(IDP_IMAGE)"; \
	echo "built $(IMAGE) and $(IDP_IMAGE)"

# image-test serves the portal's image against a throwaway database, as the
# serving role, and asks for /readyz; it also checks the image's size.
.PHONY: image-test
image-test: image ## Start the portal's image against a test database and expect /readyz 200 and a size under IMAGE_MAX_MB
	@$(SH_FUNCS); $(IMAGE_FUNCS); engine="$$(image_engine)"; \
	$(call with_throwaway_db,$(TEST_PGDIR),\
		db_urls="$$($(PGDEV) createdb -url "$$DATABASE_URL" -name image_test)"; \
		serve_url="$$(sed -n 's/^DATABASE_URL=//p' <<<"$$db_urls")"; \
		owner_url="$$(sed -n 's/^MIGRATE_DATABASE_URL=//p' <<<"$$db_urls")"; \
		port=$(IMAGE_TEST_PORT); \
		envs=(-e "DATABASE_URL=$$serve_url" -e "MIGRATE_DATABASE_URL=$$owner_url" -e "PORTAL_ADDR=127.0.0.1:$$port"); \
		case $$engine in \
		(buildah) c="$$(buildah from "$(IMAGE)")"; \
			buildah run --isolation chroot --user 65532:65532 \
				--env "DATABASE_URL=$$serve_url" --env "MIGRATE_DATABASE_URL=$$owner_url" --env "PORTAL_ADDR=127.0.0.1:$$port" \
				"$$c" -- /portal serve & run_pid=$$!; \
			stop_image() { kill $$run_pid 2>/dev/null || true; wait $$run_pid 2>/dev/null || true; buildah rm "$$c" >/dev/null 2>&1 || true; };; \
		(*) c="$$("$$engine" run -d --network host "$${envs[@]}" "$(IMAGE)")"; \
			stop_image() { "$$engine" rm -f "$$c" >/dev/null 2>&1 || true; };; \
		esac; \
		status=000; \
		for _ in $$(seq 150); do \
			status="$$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$$port/readyz" || true)"; \
			[ "$$status" = 200 ] && break; sleep 0.2; \
		done; \
		stop_image; \
		bytes="$$(image_bytes "$$engine" "$(IMAGE)")"; \
		echo "$(IMAGE): /readyz answered $$status; image size $$bytes bytes"; \
		[ "$$status" = 200 ] || { echo "image-test: the image did not become ready" >&2; exit 1; }; \
		[ "$$bytes" -lt $$(( $(IMAGE_MAX_MB) * 1000 * 1000 )) ] || { echo "image-test: the image is larger than $(IMAGE_MAX_MB) MB" >&2; exit 1; })

.PHONY: fuzz
fuzz: ## Run every fuzz target for FUZZTIME each (default 10s)
	@targets="$$($(GO) test -list '^Fuzz' ./... | awk '/^Fuzz/ { names[n++] = $$1; next } /^ok / { for (i = 0; i < n; i++) print $$2, names[i] } { n = 0 }')"; \
	if [ -z "$$targets" ]; then echo "no fuzz targets"; exit 0; fi; \
	while read -r pkg name; do \
		echo "== $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) "$$pkg" </dev/null; \
	done <<< "$$targets"

.PHONY: stop-db
stop-db: ## Stop the development database of make run (its data stays)
	@$(PGDEV) stop -dir $(PGDIR)

.PHONY: clean
clean: ## Remove build output and leftover throwaway databases (the dev database stays)
	@for d in $(TEST_PGDIR)/* $(BENCH_PGDIR)/*; do \
		if [ -d "$$d" ]; then $(PGDEV) destroy -dir "$$d"; fi; \
	done
	rm -rf bin $(TEST_PGDIR) $(BENCH_PGDIR)
