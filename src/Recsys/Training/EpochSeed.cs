namespace Sweeps.Recsys.Training;

/// <summary>A deterministic seed per (run seed, epoch) for the sampler and for libtorch's generator
/// (dropout). Reseeding at every epoch makes a run resumed from a checkpoint continue exactly as an
/// uninterrupted one. (HashCode is randomised per process, so it cannot serve.)</summary>
public static class EpochSeed
{
    public static int For(int seed, int epoch) => unchecked((int)Mix((ulong)seed << 32 | (uint)epoch));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
