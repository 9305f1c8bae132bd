using Flint.Cli.Elf;

namespace Flint.Cli.Tests;

public sealed class ElfFileTests
{
    [Fact]
    public void Bin_true_is_an_x86_64_executable_needing_libc_up_to_glibc_2_34()
    {
        var elf = ElfFile.Parse(File.ReadAllBytes("/bin/true"));

        Assert.Equal(ElfFile.MachineX86_64, elf.Machine);
        Assert.Contains("libc.so.6", elf.Needed);
        Assert.True(elf.IsStripped);
        Assert.Contains(elf.VersionNeeds, n => n.File == "libc.so.6" && n.Version == "GLIBC_2.34");
        Assert.DoesNotContain(elf.VersionNeeds, n => n.Version is "GLIBC_2.35" or "GLIBC_2.36");
    }

    [Fact]
    public void A_program_calling_arc4random_needs_glibc_2_36_and_keeps_its_symbol_table()
    {
        var program = NativeTools.Compile("#include <stdlib.h>\nint main(void) { return (int)(arc4random() & 1u); }\n");

        var elf = ElfFile.Parse(File.ReadAllBytes(program));

        var need = Assert.Single(elf.VersionNeeds, n => n.Version == "GLIBC_2.36");
        Assert.Equal("libc.so.6", need.File);
        Assert.Equal(["arc4random"], need.Symbols);
        Assert.False(elf.IsStripped);
    }

    [Fact]
    public void A_library_named_in_dt_needed_is_listed()
    {
        var program = NativeTools.Compile("#include <math.h>\n#include <stdlib.h>\nint main(int c, char** v) { return (int)cbrt(atof(v[0])); }\n", "-lm");

        Assert.Contains("libm.so.6", ElfFile.Parse(File.ReadAllBytes(program)).Needed);
    }

    [Fact]
    public void A_script_is_not_an_elf_file()
    {
        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse("#!/bin/sh\nexec dotnet bootstrap.dll\n"u8.ToArray().Concat(new byte[64]).ToArray()));

        Assert.Contains("not an ELF file", error.Message);
    }

    [Fact]
    public void A_truncated_elf_file_names_the_table_outside_the_file()
    {
        var head = File.ReadAllBytes("/bin/true")[..128];

        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse(head));

        Assert.Contains("section header at offset", error.Message);
        Assert.Contains("outside the 128-byte file", error.Message);
    }

    [Fact]
    public void A_32_bit_elf_file_is_refused()
    {
        var bytes = File.ReadAllBytes("/bin/true");
        bytes[4] = 1; // ELFCLASS32

        Assert.Contains("not a 64-bit little-endian", Assert.Throws<ElfFormatException>(() => ElfFile.Parse(bytes)).Message);
    }
}
