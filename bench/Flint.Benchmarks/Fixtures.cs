using Flint.Testing;

namespace Flint.Benchmarks;

/// <summary>The shared AWS event fixtures (tests/Flint.Events.Tests/Fixtures, copies of /work/shared/events).</summary>
internal static class Fixtures
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(RepoPaths.Combine("tests/Flint.Events.Tests/Fixtures/" + name));
}
