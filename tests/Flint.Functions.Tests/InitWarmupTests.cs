using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class InitWarmupTests
{
    private static readonly DigestSettings Settings = DigestSettings.FromEnvironment(name => name switch
    {
        "SOURCE_BUCKET" => "logs",
        "SOURCE_PREFIX" => "access/{yyyy}/{MM}/{dd}/",
        "REPORT_BUCKET" => "reports",
        "PARTS_PREFIX" => "digest-parts/",
        _ => null,
    });

    [Fact]
    public void Digest_handlers_warm_up_on_the_source_bucket_under_the_prefix_the_role_may_list() =>
        Assert.Equal(("logs", "access/"), DigestHandlers.WarmupTarget(Settings));

    [Fact]
    public void Digest_merge_warms_up_on_the_parts_prefix_of_the_report_bucket() =>
        Assert.Equal(("reports", "digest-parts/"), DigestMergeHandler.WarmupTarget(Settings));

    [Fact]
    public void Worker_that_digests_warms_up_on_the_source_prefix_even_with_a_read_bucket() =>
        Assert.Equal(("logs", "access/"), WorkerHandler.WarmupTarget(Settings, "messages-bucket", "messages/"));

    [Fact]
    public void Worker_without_a_source_bucket_warms_up_on_its_read_prefix_and_without_either_skips_it()
    {
        Assert.Equal(("messages-bucket", "messages/"), WorkerHandler.WarmupTarget(null, "messages-bucket", "messages/"));
        Assert.Null(WorkerHandler.WarmupTarget(null, null, null));
    }

    [Theory]
    [InlineData("logs/{yyyy}/{MM}/{dd}/", "logs/")]
    [InlineData("{date}/", "")]
    [InlineData("static/", "static/")]
    [InlineData("a/b-{date}", "a/b-")]
    public void Static_prefix_is_the_template_before_its_first_placeholder(string template, string expected) =>
        Assert.Equal(expected, PrefixTemplate.Parse(template).StaticPrefix);
}
