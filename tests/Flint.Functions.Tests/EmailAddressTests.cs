using Flint.Functions.Api;

namespace Flint.Functions.Tests;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("o'neil@example.org")]
    [InlineData("x@a-b.io")]
    public void Common_addresses_are_valid(string address) => Assert.True(EmailAddress.IsValid(address));

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@example")]
    [InlineData("alice@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData(".alice@example.com")]
    [InlineData("al..ice@example.com")]
    [InlineData("alice.@example.com")]
    [InlineData("alice@-example.com")]
    [InlineData("alice@example-.com")]
    [InlineData("alice@example..com")]
    [InlineData("alice@example.c0m")]
    [InlineData("alice@example.c")]
    [InlineData("al ice@example.com")]
    [InlineData("\"alice\"@example.com")]
    [InlineData("alice@[127.0.0.1]")]
    public void Malformed_addresses_are_invalid(string address) => Assert.False(EmailAddress.IsValid(address));

    [Fact]
    public void Local_part_over_64_characters_is_invalid()
    {
        Assert.False(EmailAddress.IsValid(new string('a', 65) + "@example.com"));
        Assert.True(EmailAddress.IsValid(new string('a', 64) + "@example.com"));
    }
}
