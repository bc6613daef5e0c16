using System.Security.Cryptography;
using System.Text;

namespace Workflows;

/// <summary>Stable keys for seed data: the same name always gives the same UUID, so seeding twice upserts.</summary>
public static class SeedIds
{
    /// <summary>A name-based UUID (RFC 9562 version 8 layout over SHA-256 of the name).</summary>
    public static Guid For(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("workflows-seed:" + name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
