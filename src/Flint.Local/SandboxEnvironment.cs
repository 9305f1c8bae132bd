using System.Globalization;
using System.Runtime.InteropServices;

namespace Flint.Local;

/// <summary>What a function process is started with: Lambda's environment variables, and qemu for arm64 on x86_64.</summary>
internal static class SandboxEnvironment
{
    public static (string FileName, string[] Arguments) Launcher(FunctionDefinition definition, string bootstrap)
    {
        var hostIsArm = RuntimeInformation.OSArchitecture == Architecture.Arm64;
        if (string.Equals(definition.Architecture, "arm64", StringComparison.OrdinalIgnoreCase) && !hostIsArm)
        {
            return ("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", bootstrap]);
        }

        return (bootstrap, []);
    }

    public static Dictionary<string, string> Build(FunctionDefinition definition, EmulatorOptions options, string runtimeApi, string invokeEndpoint, string taskRoot)
    {
        var host = Environment.GetEnvironmentVariables();
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["LD_LIBRARY_PATH"] = $"{taskRoot}:{taskRoot}/lib",
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
            ["LAMBDA_TASK_ROOT"] = taskRoot,
            ["LAMBDA_RUNTIME_DIR"] = taskRoot,
            ["AWS_LAMBDA_FUNCTION_NAME"] = definition.Name,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = definition.MemoryMB.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + definition.Name,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = $"{DateTime.UtcNow:yyyy'/'MM'/'dd}/[$LATEST]{Guid.NewGuid():N}",
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["AWS_REGION"] = options.Region,
            ["AWS_DEFAULT_REGION"] = options.Region,
            // Not set by Lambda: lets one function call another through this emulator's Invoke API.
            ["AWS_ENDPOINT_URL_LAMBDA"] = invokeEndpoint,
        };
        if (definition.Handler is not null)
        {
            env["_HANDLER"] = definition.Handler;
        }

        foreach (System.Collections.DictionaryEntry entry in host)
        {
            var key = (string)entry.Key;
            if (key is "AWS_ACCESS_KEY_ID" or "AWS_SECRET_ACCESS_KEY" or "AWS_SESSION_TOKEN" or "AWS_EC2_METADATA_DISABLED"
                || key.StartsWith("AWS_ENDPOINT_URL", StringComparison.Ordinal))
            {
                env[key] = (string)entry.Value!;
            }
        }

        foreach (var (key, value) in options.Environment)
        {
            env[key] = value;
        }

        foreach (var (key, value) in definition.Environment)
        {
            env[key] = value;
        }

        return env;
    }
}
