using System.Runtime.InteropServices;

namespace Flint.Cli.Packaging;

/// <summary>Lambda's two architectures and what each means to a build on this host.</summary>
internal static class LambdaArchitecture
{
    public const string X86_64 = "x86_64";
    public const string Arm64 = "arm64";

    /// <summary>The .NET runtime identifier: linux-x64 or linux-arm64.</summary>
    public static string RuntimeIdentifier(string architecture) => architecture == Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>The Lambda architecture of this machine.</summary>
    public static string Host => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? Arm64 : X86_64;

    /// <summary>True when building <paramref name="architecture"/> here means cross-compiling.</summary>
    public static bool IsCross(string architecture) => architecture != Host;
}
