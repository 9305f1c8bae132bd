// netstandard2.0 lacks the type that records and init accessors compile against.
#pragma warning disable IDE0130 // The compiler looks for this exact namespace.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
