#!/usr/bin/env bash
# Quick cold-start comparison for issue 2: the C floor, Flint's hello bootstrap and the same hello on the
# HttpClient transport, N cold starts each, interleaved, under Flint.Local. Prints medians of init
# (spawn -> first GET /next), first response (spawn -> response received), peak RSS and bootstrap size.
#   bench/coldstart-quick.sh [N=30]
# The full harness is `flint coldstart` (src/Flint.Cli); this one needs only the SDK and cc.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-30}"
out=artifacts/bench
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "building the C floor, the two hello bootstraps and the emulator..." >&2
mkdir -p "$out/floor"
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o "$out/floor/bootstrap" bench/floor/floor.c
# Same lock file as the tests' Bootstraps.Publish: hello's obj/ is shared by every variant.
publish() { flock artifacts/publish.lock dotnet publish bench/Flint.Hello -c Release -r linux-x64 -nologo -v:q -o "$@" >&2; }
publish "$out/hello"
publish "$out/hello-httpclient" -p:FlintTransport=HttpClient
dotnet build src/Flint.Local -c Release -nologo -v:q -o "$out/flint-local" >&2

dotnet "$out/flint-local/flint-local.dll" \
  --function "floor=$out/floor/bootstrap" \
  --function "flint=$out/hello/bootstrap" \
  --function "httpclient=$out/hello-httpclient/bootstrap" \
  --payload '{"message":"hello"}' \
  --coldstart "$rounds"
