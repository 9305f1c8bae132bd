# syntax=docker/dockerfile:1
#
# Flint's functions as a Lambda container image (provided.al2023), for those who build with Docker:
#   docker buildx build --platform linux/arm64 -t flint-functions:arm64 --load .
#   docker buildx build --platform linux/amd64 -t flint-functions:x86_64 --load .
#   docker run --rm -p 9000:8080 -e SOURCE_BUCKET=... flint-functions:x86_64        # Lambda's runtime interface emulator
#
# The build stage runs on the target platform (under QEMU when that is not the host's), so the bootstrap is
# compiled and linked on Amazon Linux 2023 itself: glibc 2.34, like Lambda's provided.al2023. It runs the same
# publish as `flint package` (arguments from deploy/publish-args.txt). The image's CMD is the handler (_HANDLER);
# one image serves every handler: override it per function (ImageConfig.Command, or `docker run ... worker`).

# Microsoft's build of the SDK the team uses (see global.json). AL2023 also packages dotnet-sdk-10.0, but that is a
# source-built SDK, whose Native AOT support for the portable linux-x64/linux-arm64 RIDs is not guaranteed.
ARG DOTNET_SDK_VERSION=10.0.401

FROM public.ecr.aws/amazonlinux/amazonlinux:2023 AS build
ARG DOTNET_SDK_VERSION
# Set by BuildKit from --platform (amd64, arm64); the classic builder leaves it empty and `uname -m` decides.
ARG TARGETARCH
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
ENV PATH="${DOTNET_ROOT}:${PATH}"

# Native AOT prerequisites: clang (compiler driver and linker front end), binutils (ld, and objcopy for
# StripSymbols), zlib-devel. tar, gzip and findutils are for the SDK install script.
RUN dnf install -y --setopt=install_weak_deps=False clang binutils zlib-devel tar gzip findutils \
 && dnf clean all

RUN curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh \
 && bash /tmp/dotnet-install.sh --version "${DOTNET_SDK_VERSION}" --install-dir "${DOTNET_ROOT}" \
 && rm /tmp/dotnet-install.sh \
 && dotnet --version

WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY src/ src/

RUN arch="${TARGETARCH:-$(uname -m)}" \
 && case "${arch}" in \
      amd64|x86_64) rid=linux-x64 ;; \
      arm64|aarch64) rid=linux-arm64 ;; \
      *) echo "Lambda runs x86_64 or arm64, not ${arch}" >&2; exit 1 ;; \
    esac \
 && dotnet publish src/Flint.Functions -c Release -r "${rid}" -o /out -p:SelfContained=true -p:StripSymbols=true \
 && test -x /out/bootstrap

FROM public.ecr.aws/lambda/provided:al2023
# The base image's entrypoint runs ${LAMBDA_RUNTIME_DIR}/bootstrap (/var/runtime/bootstrap) with _HANDLER set to CMD.
COPY --from=build /out/bootstrap ${LAMBDA_RUNTIME_DIR}/bootstrap
CMD ["digest"]
