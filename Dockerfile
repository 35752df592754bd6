# syntax=docker/dockerfile:1
#
# Two images from one file, each a static binary alone on scratch:
#
#   portal    (the default target) the self-service portal, port 8080
#   idporten  the stand-in ID-porten for test set-ups; never part of the
#             portal's image
#
# `make image` builds both with docker, podman or buildah. GO_IMAGE is the
# build stage's Go toolchain; where no registry is reachable, make image
# builds one from the machine's own Go (see the Makefile).
ARG GO_IMAGE=docker.io/library/golang:1.26-bookworm

FROM ${GO_IMAGE} AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
# Modules first, so that a change of code reuses this layer.
COPY go.mod go.sum ./
RUN ["go", "mod", "download"]
COPY cmd ./cmd
COPY internal ./internal
COPY migrations ./migrations
COPY web ./web
# Exec form: the build needs no shell, so any image with Go will do.
RUN ["go", "build", "-ldflags=-s -w", "-o", "/out/portal", "./cmd/portal"]
RUN ["go", "build", "-ldflags=-s -w", "-o", "/out/idporten", "./cmd/idporten"]

# The portal. Time zone data is compiled into the binary (time/tzdata), so
# Europe/Oslo is right without /usr/share/zoneinfo; CA certificates come from
# the build stage for ID-porten and SMTP over TLS.
FROM scratch AS portal
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/portal /portal
USER 65532:65532
ENV PORTAL_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=4s --start-period=20s CMD ["/portal", "healthcheck"]
ENTRYPOINT ["/portal"]
CMD ["serve"]

FROM scratch AS idporten
COPY --from=build /out/idporten /idporten
USER 65532:65532
EXPOSE 8081
ENTRYPOINT ["/idporten"]

# The last stage is what a plain `docker build .` makes: the portal.
FROM portal
