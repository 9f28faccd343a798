using Classifier.Api.Health;
using Classifier.Api.Hosting;
using Classifier.Api.Models;
using Classifier.Api.Prediction;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddTopicClassifier();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapPredictionEndpoints();
app.MapModelEndpoints();
app.MapHealthEndpoints();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
