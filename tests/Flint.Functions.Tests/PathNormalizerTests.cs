using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class PathNormalizerTests
{
    [Theory]
    [InlineData("/users/123/orders/9", "/users/{id}/orders/{id}")]
    [InlineData("/users/123/orders/9?expand=items#top", "/users/{id}/orders/{id}")]
    [InlineData("/items/3f2504e0-4f89-41d3-9a0c-0305e82c3301", "/items/{id}")]
    [InlineData("/items/3F2504E0-4F89-41D3-9A0C-0305E82C3301/", "/items/{id}/")]
    [InlineData("/v2/health", "/v2/health")]
    [InlineData("/users/12a", "/users/12a")]
    [InlineData("/items/3f2504e0-4f89-41d3-9a0c-0305e82c330", "/items/3f2504e0-4f89-41d3-9a0c-0305e82c330")]
    [InlineData("/search?q=1", "/search")]
    [InlineData("/", "/")]
    [InlineData("/2026/11/27", "/{id}/{id}/{id}")]
    public void Numeric_and_uuid_segments_become_ids(string path, string expected)
    {
        Assert.Equal(expected, PathNormalizer.Normalize(path));
    }

    [Fact]
    public void A_path_without_ids_is_returned_as_is()
    {
        const string path = "/api/status";
        Assert.Same(path, PathNormalizer.Normalize(path));
    }
}
