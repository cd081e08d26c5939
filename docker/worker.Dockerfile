# The GPU worker image: the shim built against PyTorch's CUDA libtorch (which carries its CUDA
# runtime, cuBLAS and cuDNN), on NVIDIA's CUDA base; the node's driver comes from the NVIDIA
# container runtime. Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t sweeps-worker .
# LIBTORCH_URL picks another libtorch; its CUDA version must not exceed what the nodes' driver runs.
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-devel-ubuntu24.04
ARG CUDA_RUNTIME_IMAGE=nvidia/cuda:12.8.1-runtime-ubuntu24.04
FROM ${CUDA_IMAGE} AS build
ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
RUN apt-get update && apt-get install -y --no-install-recommends \
        ca-certificates curl unzip cmake g++ make libicu74 \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL "$LIBTORCH_URL" -o /tmp/libtorch.zip && unzip -q /tmp/libtorch.zip -d /opt && rm /tmp/libtorch.zip
RUN curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh \
    && bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet \
    && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /src
COPY . .
RUN rm -rf src/Torch/native/build \
    && Torch_DIR=/opt/libtorch/share/cmake/Torch dotnet publish src/Cli/Sweeps.Cli.csproj -c Release -o /app -nologo

FROM ${CUDA_RUNTIME_IMAGE}
RUN apt-get update && apt-get install -y --no-install-recommends \
        ca-certificates curl libgomp1 libtcmalloc-minimal4 libicu74 \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh \
    && bash /tmp/dotnet-install.sh --channel 10.0 --runtime aspnetcore --install-dir /usr/share/dotnet \
    && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && rm /tmp/dotnet-install.sh
COPY --from=build /opt/libtorch/lib /opt/libtorch/lib
COPY --from=build /app /app
ENV LD_LIBRARY_PATH=/opt/libtorch/lib \
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 \
    DOTNET_gcServer=1
EXPOSE 11111
ENTRYPOINT ["dotnet", "/app/sweeps.dll"]
CMD ["worker", "--help"]
