using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Schemata;

/// <summary>Puts <see cref="SchemaSessionMiddleware"/> first in the pipeline, so it wraps every endpoint.</summary>
internal sealed class SchemaSessionStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SchemaSessionMiddleware>();
        next(app);
    };
}
