using System;

namespace Schemata;

/// <summary>
/// Grants a database role access to the schema's tables and sequences, including default privileges for
/// objects created later: <c>[assembly: Grant("app_user")]</c>. On a class it applies to that table only.
/// The role must exist; the schema never creates roles.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GrantAttribute : Attribute
{
    /// <summary>Grants <paramref name="role"/> <see cref="TablePrivileges.ReadWrite"/>.</summary>
    public GrantAttribute(string role) => Role = role;

    /// <summary>The role that receives the privileges.</summary>
    public string Role { get; }

    /// <summary>The table privileges granted; read and write by default.</summary>
    public TablePrivileges Privileges { get; set; } = TablePrivileges.ReadWrite;
}
