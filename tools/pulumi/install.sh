#!/usr/bin/env bash
# npm run pulumi:install: builds the pinned Pulumi CLI, this project's Node.js language host and the
# dynamic-provider plugin into .tools/pulumi/bin/ (ignored by git). Nothing to do: exits at once.
#
# The CLI is Pulumi's own Go package github.com/pulumi/pulumi/pkg/v3/cmd/pulumi, built from the module
# tools/pulumi/go.mod at exactly the version of @pulumi/pulumi in package-lock.json.
set -euo pipefail

tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$tools_dir/../.." && pwd)"
bin="$root/.tools/pulumi/bin"
stamp="$bin/.build-stamp"

step() { printf 'pulumi:install: %s\n' "$*"; }
fail() { printf 'pulumi:install: error: %s\n' "$*" >&2; exit 1; }

# The version the CLI must have: the SDK's, from package-lock.json.
sdk_version="$(sed -n '/"node_modules\/@pulumi\/pulumi": {/{n;s/.*"version": "\([^"]*\)".*/\1/p;q}' "$root/package-lock.json")"
[[ -n "$sdk_version" ]] || fail "package-lock.json has no node_modules/@pulumi/pulumi entry: run npm install first"
go_version="$(sed -n 's/^[[:space:]]*github.com\/pulumi\/pulumi\/pkg\/v3 v\([^ ]*\).*/\1/p' "$tools_dir/go.mod")"
if [[ "$go_version" != "$sdk_version" ]]; then
    fail "tools/pulumi/go.mod builds the CLI v${go_version:-?} but package-lock.json has @pulumi/pulumi $sdk_version: set github.com/pulumi/pulumi/pkg/v3 and sdk/v3 to v$sdk_version in tools/pulumi/go.mod, then run (cd tools/pulumi && go mod tidy)"
fi

if ! command -v go >/dev/null 2>&1; then
    fail "go is not on PATH. The pinned Pulumi CLI v$sdk_version is built from Go modules and needs Go >= 1.25 (https://go.dev/doc/install).
Otherwise install the Pulumi CLI v$sdk_version itself (https://www.pulumi.com/docs/install/) so that pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs are on PATH; the real-engine tests use a pulumi on PATH when .tools/pulumi/bin/pulumi is absent."
fi

# What the binaries are built from; equal stamps and all binaries present mean nothing to do.
inputs_hash="$(
    cd "$tools_dir"
    { go env GOVERSION; cat go.mod go.sum install.sh plugin/pulumi-resource-pulumi-nodejs; find cmd -type f -name '*.go' | LC_ALL=C sort | xargs cat; } | sha256sum | cut -d' ' -f1
)"
if [[ -x "$bin/pulumi" && -x "$bin/pulumi-language-nodejs" && -x "$bin/pulumi-resource-pulumi-nodejs" && -f "$stamp" && "$(cat "$stamp")" == "$inputs_hash" ]]; then
    step "up to date: pulumi v$sdk_version in .tools/pulumi/bin (nothing to do)"
    exit 0
fi

mkdir -p "$bin"
rm -f "$stamp"
export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=readonly
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$sdk_version"
cd "$tools_dir"

start=$SECONDS
step "1/4 downloading the Go modules the build needs (first run: a few minutes)"
# Only what the two packages import: the module graph also names versions the proxy does not serve.
go list -deps github.com/pulumi/pulumi/pkg/v3/cmd/pulumi ./cmd/pulumi-language-nodejs >/dev/null

step "2/4 building pulumi v$sdk_version (first run: several minutes on 2 cores)"
go build -trimpath -ldflags "$ldflags" -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

step "3/4 building pulumi-language-nodejs (this project's Node.js language host)"
go build -trimpath -ldflags "$ldflags" -o "$bin/pulumi-language-nodejs" ./cmd/pulumi-language-nodejs

step "4/4 installing pulumi-resource-pulumi-nodejs (the dynamic-provider plugin)"
install -m 0755 plugin/pulumi-resource-pulumi-nodejs "$bin/pulumi-resource-pulumi-nodejs"

built="$("$bin/pulumi" version)"
[[ "$built" == "v$sdk_version" ]] || fail "the built CLI says $built, expected v$sdk_version"
printf '%s\n' "$inputs_hash" >"$stamp"
step "done in $((SECONDS - start)) s: $built in .tools/pulumi/bin ($(du -sh "$bin" | cut -f1))"
