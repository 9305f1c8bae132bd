using System.Net.Http.Headers;

namespace Flint.Local.Tests;

/// <summary>A test playing the runtime: raw HTTP calls against a function's Runtime API.</summary>
internal sealed class FakeRuntime : IDisposable
{
    private readonly HttpClient http;

    public FakeRuntime(string runtimeApi) => http = new HttpClient { BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"), Timeout = Timeout.InfiniteTimeSpan };

    public Task<HttpResponseMessage> NextAsync() => http.GetAsync("invocation/next", HttpCompletionOption.ResponseHeadersRead);

    public Task<HttpResponseMessage> RespondAsync(string requestId, byte[] body) => http.PostAsync($"invocation/{requestId}/response", new ByteArrayContent(body));

    public Task<HttpResponseMessage> ErrorAsync(string requestId, string json, string errorType)
    {
        var content = new StringContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"invocation/{requestId}/error") { Content = content };
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", errorType);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> InitErrorAsync(string json) => http.PostAsync("init/error", new StringContent(json));

    public static string RequestId(HttpResponseMessage next) => next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();

    public void Dispose() => http.Dispose();
}
