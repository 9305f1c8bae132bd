namespace Flint.Runtime;

/// <summary>
/// Marks a static method that runs once during Init, before the first <c>GET /next</c>: create and prime
/// SDK clients, read configuration. It takes no parameters and returns <c>void</c> or <c>Task</c>; a throw
/// is reported as an init error.
/// </summary>
/// <example>
/// <code>
/// [LambdaInit]
/// public static void Init() => s3 = new AmazonS3Client();
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LambdaInitAttribute : Attribute
{
}
