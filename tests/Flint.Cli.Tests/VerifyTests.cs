using System.IO.Compression;
using Flint.Cli.Verification;

namespace Flint.Cli.Tests;

public sealed class VerifyTests
{
    private static readonly byte[] BinTrue = File.ReadAllBytes("/bin/true");

    private static string Zip(params (string Name, byte[] Bytes, int? Mode)[] entries)
    {
        var path = Path.Combine(Fixture.TempDirectory(), "function.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes, mode) in entries)
        {
            var entry = zip.CreateEntry(name);
            entry.ExternalAttributes = mode is { } m ? unchecked((int)((0x8000u | (uint)m) << 16)) : 0;
            using var stream = entry.Open();
            stream.Write(bytes);
        }

        return path;
    }

    private static Check Check(VerificationResult result, string name) => Assert.Single(result.Checks, c => c.Name == name);

    [Fact]
    public void Zip_with_an_x86_64_bootstrap_at_the_root_mode_755_passes_every_check()
    {
        var result = ArtifactVerifier.Verify(Zip(("bootstrap", BinTrue, 0b111_101_101)), new VerifyOptions("x86_64"));

        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed)));
        Assert.Equal(["zip", "no .dbg", "bootstrap at root", "mode 755", "ELF", "architecture", "glibc ≤ 2.34", "no libicu", "stripped", "size"], result.Checks.Select(c => c.Name));
        Assert.Equal("highest needed: GLIBC_2.34", Check(result, "glibc ≤ 2.34").Detail);
    }

    [Fact]
    public void Bootstrap_in_a_folder_of_the_zip_fails_and_says_where_it_is()
    {
        var result = ArtifactVerifier.Verify(Zip(("publish/bootstrap", BinTrue, 0b111_101_101)), new VerifyOptions());

        Assert.False(result.Passed);
        Assert.Contains("bootstrap is at 'publish/bootstrap', not at the root", Check(result, "bootstrap at root").Detail);
    }

    [Fact]
    public void Bootstrap_mode_644_fails()
    {
        var result = ArtifactVerifier.Verify(Zip(("bootstrap", BinTrue, 0b110_100_100)), new VerifyOptions());

        Assert.False(Check(result, "mode 755").Passed);
        Assert.Contains("mode is 644, not 755", Check(result, "mode 755").Detail);
    }

    [Fact]
    public void Zip_entry_without_a_unix_mode_fails()
    {
        var result = ArtifactVerifier.Verify(Zip(("bootstrap", BinTrue, null)), new VerifyOptions());

        Assert.Contains("no unix mode", Check(result, "mode 755").Detail);
    }

    [Fact]
    public void Debug_symbols_in_the_zip_fail()
    {
        var result = ArtifactVerifier.Verify(Zip(("bootstrap", BinTrue, 0b111_101_101), ("bootstrap.dbg", [1, 2, 3], 0b110_100_100)), new VerifyOptions());

        Assert.Contains("debug symbols shipped: bootstrap.dbg", Check(result, "no .dbg").Detail);
        Assert.False(result.Passed);
    }

    [Fact]
    public void An_x86_64_bootstrap_fails_for_an_arm64_function()
    {
        var result = ArtifactVerifier.Verify("/bin/true", new VerifyOptions("arm64"));

        Assert.Equal("bootstrap is x86_64 but the function is arm64; publish with -r linux-arm64", Check(result, "architecture").Detail);
    }

    [Fact]
    public void A_bootstrap_needing_glibc_2_36_fails_and_names_the_symbol()
    {
        var program = NativeTools.Compile("#include <stdlib.h>\nint main(void) { return (int)(arc4random() & 1u); }\n");

        var result = ArtifactVerifier.Verify(program, new VerifyOptions());

        var glibc = Check(result, "glibc ≤ 2.34");
        Assert.False(glibc.Passed);
        Assert.StartsWith("needs GLIBC_2.36 (arc4random); Amazon Linux 2023 has glibc 2.34", glibc.Detail);
        Assert.False(Check(result, "stripped").Passed);
    }

    [Fact]
    public void A_bootstrap_linked_against_libicu_fails()
    {
        // A copy of a program needing libm, with the DT_NEEDED string patched to a libicu name of the same length.
        var program = File.ReadAllBytes(NativeTools.Compile("#include <math.h>\n#include <stdlib.h>\nint main(int c, char** v) { return (int)cbrt(atof(v[0])); }\n", "-lm"));
        var at = program.AsSpan().IndexOf("libm.so.6\0"u8);
        "libicu.so\0"u8.CopyTo(program.AsSpan(at));
        var path = Path.Combine(Fixture.TempDirectory(), "bootstrap");
        File.WriteAllBytes(path, program);

        var check = Check(ArtifactVerifier.Verify(path, new VerifyOptions()), "no libicu");

        Assert.False(check.Passed);
        Assert.StartsWith("needs libicu.so, which provided.al2023 does not have", check.Detail);
    }

    [Fact]
    public void A_bootstrap_that_dlopens_icu_fails()
    {
        // .NET without InvariantGlobalization loads ICU by name at run time; the name is in the binary, not in DT_NEEDED.
        var program = NativeTools.Compile("#include <dlfcn.h>\nint main(void) { return dlopen(\"libicuuc.so.72\", RTLD_LAZY) != 0; }\n", "-ldl");

        var check = Check(ArtifactVerifier.Verify(program, new VerifyOptions()), "no libicu");

        Assert.False(check.Passed);
        Assert.StartsWith("loads libicuuc at run time", check.Detail);
    }

    [Fact]
    public void A_bootstrap_over_the_size_budget_fails()
    {
        var check = Check(ArtifactVerifier.Verify("/bin/true", new VerifyOptions("x86_64", MaxSizeMb: 0.01)), "size");

        Assert.False(check.Passed);
        Assert.Contains("over the 0.01 MiB budget", check.Detail);
    }

    [Fact]
    public void A_shell_script_bootstrap_fails_as_not_native()
    {
        var result = ArtifactVerifier.Verify(Zip(("bootstrap", "#!/bin/sh\nexec dotnet bootstrap.dll\n"u8.ToArray(), 0b111_101_101)), new VerifyOptions());

        Assert.StartsWith("bootstrap is not an ELF file", Check(result, "ELF").Detail);
    }

    [Fact]
    public void Verify_command_prints_the_table_and_exits_non_zero_on_a_failed_check()
    {
        var output = new StringWriter();

        var exit = Program.CreateRoot().Parse(["verify", "/bin/true", "--arch", "arm64"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });

        Assert.Equal(1, exit);
        Assert.Contains("architecture", output.ToString());
        Assert.Contains("FAIL", output.ToString());
        Assert.Contains("verify: 1 check(s) failed: architecture", output.ToString());
    }

    [Fact]
    public void Verify_command_exits_zero_when_every_check_passes()
    {
        var output = new StringWriter();

        var exit = Program.CreateRoot().Parse(["verify", "/bin/true"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.Contains("verify: all checks passed", output.ToString());
    }
}
