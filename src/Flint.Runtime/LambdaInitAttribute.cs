namespace Flint.Runtime;

/// <summary>
/// Marks a static method that runs during Init, before the first <c>GET /next</c>: create and prime SDK clients,
/// read configuration. It takes no parameters or one <see cref="LambdaInitContext"/>; a throw is an init error.
/// </summary>
/// <remarks>
/// <para>Returning <c>void</c>, <c>Task</c> or <c>ValueTask</c>, it runs whichever handler the sandbox serves.</para>
/// <para>Returning its own type (or <c>Task</c>/<c>ValueTask</c> of it), it is that type's factory: it runs only when
/// the chosen handler is one of the type's instance methods, and that handler is called on the instance it returns.
/// So each handler class gets exactly the services it needs, built once, never null. At most one factory per type.</para>
/// </remarks>
/// <example>
/// <code>
/// public sealed partial class Reports(IAmazonS3 s3)
/// {
///     [LambdaInit]
///     public static Reports Create(LambdaInitContext init) =&gt; new(new AmazonS3Client());
///
///     [LambdaHandler("report")]
///     public Task&lt;Summary&gt; ReportAsync(Request request) =&gt; ...;
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LambdaInitAttribute : Attribute
{
}
