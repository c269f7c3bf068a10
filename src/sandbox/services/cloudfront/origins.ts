import { asList, type XmlNode } from '../../protocol/xml.js';

/** The `<Origin>` elements of a DistributionConfig. */
export function originsOf(config: XmlNode): XmlNode[] {
  const items = (config.Origins as XmlNode | undefined)?.Items as XmlNode | undefined;
  return asList(items?.Origin as XmlNode | XmlNode[] | undefined);
}

/** The origin the default cache behavior sends requests to. */
export function defaultOrigin(config: XmlNode): XmlNode | undefined {
  const origins = originsOf(config);
  const target = (config.DefaultCacheBehavior as XmlNode | undefined)?.TargetOriginId;
  return origins.find((origin) => origin.Id === target) ?? origins[0];
}

/** `shop-web.s3.amazonaws.com`, `shop-web.s3.eu-west-1.amazonaws.com`, `shop-web.s3-website-…` → `shop-web`. */
export function bucketOfOrigin(origin: XmlNode): string | undefined {
  return /^(.+?)\.s3[.-]/.exec(String(origin.DomainName ?? ''))?.[1];
}
