using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class FunctionServicesTests
{
    private static readonly DigestSettings Settings = DigestSettings.FromEnvironment(name => name switch
    {
        "SOURCE_BUCKET" => "logs",
        "SOURCE_PREFIX" => "access/{yyyy}/{MM}/{dd}/",
        "REPORT_BUCKET" => "reports",
        "PARTS_PREFIX" => "digest-parts/",
        _ => null,
    });

    [Theory]
    [InlineData("digest")]
    [InlineData("digest-plan")]
    [InlineData("digest-part")]
    [InlineData("worker")]
    public void Init_warm_up_lists_the_source_bucket_under_the_prefix_the_role_may_list(string handler) =>
        Assert.Equal(("logs", "access/"), FunctionServices.PrimeTarget(handler, Settings, "messages-bucket", "messages/"));

    [Fact]
    public void Init_warm_up_of_digest_merge_lists_the_parts_prefix_of_the_report_bucket() =>
        Assert.Equal(("reports", "digest-parts/"), FunctionServices.PrimeTarget("digest-merge", Settings, null, null));

    [Fact]
    public void Worker_without_a_source_bucket_warms_up_on_its_read_prefix_and_without_either_skips_it()
    {
        Assert.Equal(("messages-bucket", "messages/"), FunctionServices.PrimeTarget("worker", null, "messages-bucket", "messages/"));
        Assert.Null(FunctionServices.PrimeTarget("worker", null, null, null));
    }

    [Theory]
    [InlineData("logs/{yyyy}/{MM}/{dd}/", "logs/")]
    [InlineData("{date}/", "")]
    [InlineData("static/", "static/")]
    [InlineData("a/b-{date}", "a/b-")]
    public void Static_prefix_is_the_template_before_its_first_placeholder(string template, string expected) =>
        Assert.Equal(expected, PrefixTemplate.Parse(template).StaticPrefix);
}
