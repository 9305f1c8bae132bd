namespace Flint.Cli.Verification;

/// <summary>One rule of <c>flint verify</c> and how the artifact fared.</summary>
/// <param name="Name">The rule, e.g. "glibc".</param>
/// <param name="Passed">Whether the artifact satisfies it.</param>
/// <param name="Detail">What was found; for a failure, what is wrong and how to fix it.</param>
internal sealed record Check(string Name, bool Passed, string Detail);

/// <summary>The checks of one artifact.</summary>
internal sealed record VerificationResult(string Artifact, IReadOnlyList<Check> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}

/// <summary>What <c>flint verify</c> checks against.</summary>
/// <param name="Architecture">x86_64 or arm64.</param>
/// <param name="MaxSizeMb">Budget for the uncompressed bootstrap, in MiB.</param>
internal sealed record VerifyOptions(string Architecture = "x86_64", double MaxSizeMb = VerifyOptions.DefaultMaxSizeMb)
{
    /// <summary>Default size budget: Flint's bootstraps are a few MB; past this something heavy came in.</summary>
    public const double DefaultMaxSizeMb = 16;

    /// <summary>Amazon Linux 2023 (provided.al2023) ships glibc 2.34.</summary>
    public static readonly Version MaxGlibc = new(2, 34);
}
