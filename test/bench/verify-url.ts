/** The cached /v1/verify the server benchmark asks (ICP + 公安 of the test dataset). */
export const VERIFY = '/v1/verify?domain=example.cn&icp=%E4%BA%ACICP%E5%A4%872021012345%E5%8F%B7-1&psb=11010502012345';
