namespace Regions.Grains;
