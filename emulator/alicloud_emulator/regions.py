"""Regions and geographic areas: which region ids exist, their areas and display names.

``geo()`` is the collection's ``plugins/module_utils/geo.py`` (regions, areas, spans), loaded
by path; ``REGION_NAMES`` the English and Chinese names DescribeRegions and
DescribeChildInstanceRegions answer with.
"""

import importlib.util
import os

_GEO_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugins", "module_utils", "geo.py")
_GEO = None


def geo():
    """The collection's ``geo`` module (regions and areas), loaded once by path."""
    global _GEO  # pylint: disable=global-statement
    if _GEO is None:
        path = os.path.normpath(_GEO_PATH)
        spec = importlib.util.spec_from_file_location("alicloud_emulator._geo", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _GEO = module
    return _GEO


# English and Chinese display names of the public regions (DescribeRegions' LocalName).
REGION_NAMES = {
    "cn-qingdao": ("China (Qingdao)", "华北1（青岛）"),
    "cn-beijing": ("China (Beijing)", "华北2（北京）"),
    "cn-zhangjiakou": ("China (Zhangjiakou)", "华北3（张家口）"),
    "cn-huhehaote": ("China (Hohhot)", "华北5（呼和浩特）"),
    "cn-wulanchabu": ("China (Ulanqab)", "华北6（乌兰察布）"),
    "cn-hangzhou": ("China (Hangzhou)", "华东1（杭州）"),
    "cn-shanghai": ("China (Shanghai)", "华东2（上海）"),
    "cn-nanjing": ("China (Nanjing - Local Region)", "华东5（南京-本地地域）"),
    "cn-fuzhou": ("China (Fuzhou - Local Region)", "华东6（福州-本地地域）"),
    "cn-shenzhen": ("China (Shenzhen)", "华南1（深圳）"),
    "cn-heyuan": ("China (Heyuan)", "华南2（河源）"),
    "cn-guangzhou": ("China (Guangzhou)", "华南3（广州）"),
    "cn-chengdu": ("China (Chengdu)", "西南1（成都）"),
    "cn-wuhan-lr": ("China (Wuhan - Local Region)", "华中1（武汉-本地地域）"),
    "cn-hongkong": ("China (Hong Kong)", "中国香港"),
    "ap-northeast-1": ("Japan (Tokyo)", "日本（东京）"),
    "ap-northeast-2": ("South Korea (Seoul)", "韩国（首尔）"),
    "ap-southeast-1": ("Singapore", "新加坡"),
    "ap-southeast-2": ("Australia (Sydney)", "澳大利亚（悉尼）"),
    "ap-southeast-3": ("Malaysia (Kuala Lumpur)", "马来西亚（吉隆坡）"),
    "ap-southeast-5": ("Indonesia (Jakarta)", "印度尼西亚（雅加达）"),
    "ap-southeast-6": ("Philippines (Manila)", "菲律宾（马尼拉）"),
    "ap-southeast-7": ("Thailand (Bangkok)", "泰国（曼谷）"),
    "ap-south-1": ("India (Mumbai)", "印度（孟买）"),
    "us-west-1": ("US (Silicon Valley)", "美国（硅谷）"),
    "us-east-1": ("US (Virginia)", "美国（弗吉尼亚）"),
    "na-south-1": ("Mexico", "墨西哥"),
    "eu-central-1": ("Germany (Frankfurt)", "德国（法兰克福）"),
    "eu-west-1": ("UK (London)", "英国（伦敦）"),
    "me-east-1": ("UAE (Dubai)", "阿联酋（迪拜）"),
    "me-central-1": ("Saudi Arabia (Riyadh - Partner Region)", "沙特（利雅得）"),
}
