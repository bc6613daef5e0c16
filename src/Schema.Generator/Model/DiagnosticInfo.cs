using Microsoft.CodeAnalysis;

namespace Schemata.Generator.Model;

/// <summary>A diagnostic to report, as equatable data: descriptor id, location and string arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor.Id, location, new EquatableArray<string>(arguments));
}
