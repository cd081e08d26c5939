# The coordinator image: Debian 12 with its CPU libtorch (the coordinator trains nothing, but the
# `sweeps` executable is one program and can also run CPU jobs). Build from the repository root:
#   docker build -f docker/coordinator.Dockerfile -t sweeps-coordinator .
FROM debian:12 AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
        ca-certificates curl cmake g++ make libtorch-dev libicu72 \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh \
    && bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet \
    && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /src
COPY . .
RUN rm -rf src/Torch/native/build \
    && dotnet publish src/Cli/Sweeps.Cli.csproj -c Release -o /app -nologo

FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends \
        ca-certificates curl libtorch1.13 libopenblas0-openmp libtcmalloc-minimal4 libicu72 \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh \
    && bash /tmp/dotnet-install.sh --channel 10.0 --runtime aspnetcore --install-dir /usr/share/dotnet \
    && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && rm /tmp/dotnet-install.sh
COPY --from=build /app /app
ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 \
    DOTNET_gcServer=1
EXPOSE 5080 11111 30000
ENTRYPOINT ["dotnet", "/app/sweeps.dll"]
CMD ["coordinator", "--help"]
