namespace Regions.Tests;
